/**
 * <b>API</b>: a host app may use these types; they change only with a note in README. logback converters that mask phone numbers (see {@code talkdesk-callbacks-logback.xml}).
 */
package io.followup.callbacks.logging;
