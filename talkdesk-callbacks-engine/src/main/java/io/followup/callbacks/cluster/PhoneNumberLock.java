package io.followup.callbacks.cluster;

/**
 * Serialises the find-then-book step per customer number across every engine node that shares the database.
 * Talkdesk's duplicate check and create are not atomic, so two follow-ups for one number must not both look, see
 * nothing and both book.
 */
@FunctionalInterface
public interface PhoneNumberLock {

    /**
     * Takes the lock on {@code phoneNumber} (E.164) for the rest of the current transaction, waiting while another
     * transaction holds it. It is released by the transaction's commit or rollback, or by the database when the
     * node holding it dies.
     *
     * @throws LockBusyException when the lock could not be had within the configured wait
     */
    void lockFor(String phoneNumber);
}
