/**
 * <b>API</b>: a host app may use these types; they change only with a note in README. {@link io.followup.callbacks.engine.TalkdeskCallbacksPlugin} (camunda.cfg.xml, bpm-platform.xml), {@link io.followup.callbacks.engine.FollowUpService} (start, find, cancel follow-ups from host code), {@link io.followup.callbacks.engine.FollowUpAlreadyRunningException}, {@link io.followup.callbacks.engine.TalkdeskRetry}. The other types here are internal.
 */
package io.followup.callbacks.engine;
