/**
 * <b>Internal</b>: not for host apps; may change in any release. The Talkdesk client's wiring: connection, transport (timeouts, bounded bodies, 429), rate limiter, job deadline, masking.
 */
package io.followup.callbacks.talkdesk;
