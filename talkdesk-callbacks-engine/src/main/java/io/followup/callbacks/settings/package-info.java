/**
 * <b>API</b>: a host app may use these types; they change only with a note in README. {@link io.followup.callbacks.settings.TalkdeskProperties}, the settings under {@code talkdesk.*} (docs/configuration.md). The resolver is internal.
 */
package io.followup.callbacks.settings;
