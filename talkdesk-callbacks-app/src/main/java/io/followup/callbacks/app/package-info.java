/**
 * The reference app: not a library; hosts copy from it what they like.
 */
package io.followup.callbacks.app;
