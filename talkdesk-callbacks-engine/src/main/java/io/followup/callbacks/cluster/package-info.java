/**
 * <b>Internal</b>: not for host apps; may change in any release. per-number, per-ticket and per-follow-up locks held until the transaction ends.
 */
package io.followup.callbacks.cluster;
