/**
 * <b>Internal</b>: not for host apps; may change in any release. Talkdesk's Scheduled Callbacks API as a Feign interface and its wire records.
 */
package io.followup.callbacks.talkdesk.api;
