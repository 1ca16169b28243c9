/**
 * <b>API</b>: a host app may use these types; they change only with a note in README. {@link io.followup.callbacks.config.TalkdeskAutoConfiguration} (exclude it to switch everything off, or set {@code talkdesk.enabled=false}); every bean backs off when the host defines its own. The other types here are internal.
 */
package io.followup.callbacks.config;
