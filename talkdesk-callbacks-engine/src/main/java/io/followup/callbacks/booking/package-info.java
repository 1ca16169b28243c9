/**
 * <b>Internal</b>: not for host apps; may change in any release. the booking through the Talkdesk client: lists, creates, updates and cancels, with the request mapped to the wire.
 */
package io.followup.callbacks.booking;
