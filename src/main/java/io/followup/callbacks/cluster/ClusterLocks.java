package io.followup.callbacks.cluster;

/** The locks engine nodes sharing a database need: per customer number and per ticket. */
public interface ClusterLocks extends PhoneNumberLock, TicketLock {

    /** No locks: for a database they do not support. */
    ClusterLocks NONE = new ClusterLocks() {
        @Override
        public void lockFor(String phoneNumber) {
        }

        @Override
        public void lockTicket(String ticketId) {
        }
    };
}
