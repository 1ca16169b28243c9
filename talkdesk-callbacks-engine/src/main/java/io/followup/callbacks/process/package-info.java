/**
 * <b>API</b>: a host app may use these types; they change only with a note in README. the shipped model's public contract: process key, messages, variables, error codes and outcomes.
 */
package io.followup.callbacks.process;
