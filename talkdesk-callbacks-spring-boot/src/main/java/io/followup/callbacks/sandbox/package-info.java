/**
 * <b>Internal</b>: not for host apps; may change in any release. the built-in Talkdesk sandbox, for demos ({@code talkdesk.sandbox.enabled}).
 */
package io.followup.callbacks.sandbox;
