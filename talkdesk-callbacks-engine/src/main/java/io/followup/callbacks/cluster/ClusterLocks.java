package io.followup.callbacks.cluster;

/** The locks engine nodes sharing a database need: per customer number, per ticket and per follow-up. */
public interface ClusterLocks extends PhoneNumberLock, TicketLock, FollowUpLock {

    /** No locks: for a database they do not support. */
    ClusterLocks NONE = new ClusterLocks() {
        @Override
        public void lockFor(String phoneNumber) {
        }

        @Override
        public void lockTicket(String ticketId) {
        }

        @Override
        public void lockFollowUp(String processInstanceId) {
        }
    };
}
