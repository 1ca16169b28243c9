/**
 * <b>Internal</b>: not for host apps; may change in any release. the callback request: built from process variables, validated, normalised (E.164, IANA zones, lead time).
 */
package io.followup.callbacks.request;
