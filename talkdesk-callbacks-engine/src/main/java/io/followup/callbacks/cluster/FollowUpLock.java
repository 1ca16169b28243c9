package io.followup.callbacks.cluster;

/**
 * Serialises a command for one follow-up (a cancellation from the webhook, the Cockpit tab or host code) with the
 * end of a booking of the same follow-up: the command decides "act now or record" and the booking reads the record
 * while holding the same lock, so a cancellation that meets a booking in flight is never lost.
 */
@FunctionalInterface
public interface FollowUpLock {

    /** No serialisation. */
    FollowUpLock NONE = processInstanceId -> { };

    /**
     * Takes the lock on the follow-up {@code processInstanceId} for the rest of the current transaction.
     *
     * @throws LockBusyException when the lock could not be had within the configured wait
     */
    void lockFollowUp(String processInstanceId);
}
