/**
 * <b>Internal</b>: not for host apps; may change in any release. the {@code talkdesk} health component.
 */
package io.followup.callbacks.health;
