package io.followup.callbacks.cluster;

/** Serialises starts of follow-ups for one ticket across every node that shares the database. */
@FunctionalInterface
public interface TicketLock {

    /**
     * Takes the lock on {@code ticketId} for the rest of the current transaction.
     *
     * @throws LockBusyException when the lock could not be had within the configured wait
     */
    void lockTicket(String ticketId);
}
