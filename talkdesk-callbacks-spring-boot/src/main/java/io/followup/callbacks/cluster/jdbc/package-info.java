/**
 * <b>Internal</b>: not for host apps; may change in any release. the database locks: PostgreSQL advisory locks and the {@code tdcb_lock} table.
 */
package io.followup.callbacks.cluster.jdbc;
