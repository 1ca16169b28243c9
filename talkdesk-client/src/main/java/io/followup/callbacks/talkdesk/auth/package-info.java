/**
 * <b>Internal</b>: not for host apps; may change in any release. OAuth client credentials and the token cache.
 */
package io.followup.callbacks.talkdesk.auth;
