/**
 * <b>Internal</b>: not for host apps; may change in any release. the webhook {@code POST /api/follow-ups} (its HTTP contract is the API, in README).
 */
package io.followup.callbacks.web;
