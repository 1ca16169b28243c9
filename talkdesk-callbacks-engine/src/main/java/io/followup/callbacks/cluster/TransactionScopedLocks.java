package io.followup.callbacks.cluster;

import io.followup.callbacks.talkdesk.JobDeadline;
import io.followup.callbacks.talkdesk.PhoneMask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * {@link ClusterLocks} held until the current transaction ends (Spring's, or the engine command's on an engine
 * without Spring); subclasses say where they live.
 */
public abstract class TransactionScopedLocks implements ClusterLocks {

    @Override
    public final void lockFor(String phoneNumber) {
        lock("phone:" + phoneNumber, PhoneMask.mask(phoneNumber) + " (another follow-up for the number is booking)");
    }

    @Override
    public final void lockTicket(String ticketId) {
        lock("ticket:" + ticketId, "ticket " + ticketId + " (another start of its follow-up is running)");
    }

    @Override
    public final void lockFollowUp(String processInstanceId) {
        lock("follow-up:" + processInstanceId, "follow-up " + processInstanceId + " (a booking or a command for it "
                + "is running)");
    }

    private void lock(String key, String shownAs) {
        if (!transactionActive()) {
            throw new IllegalStateException("TDCB-L002 the lock on " + shownAs + " needs a transaction; none is "
                    + "active (is the engine configured with Spring's transaction manager?)");
        }
        lockUntilTransactionEnds(key, shownAs);
    }

    /** Whether this kind of lock can be held here: a transaction it ends with is active. */
    protected boolean transactionActive() {
        return TransactionEnd.inOuterTransaction();
    }

    /**
     * {@code wait}, or what is left of the current job's time budget when that is less: a lock wait never outlives
     * the job's lock.
     */
    public static Duration waitAtMost(Duration wait) {
        return JobDeadline.cap(wait);
    }

    /** The SHA-256 of {@code key}: what a lock is keyed by in the database, so no phone number is stored or sent. */
    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Takes the lock on {@code key} until the current transaction ends.
     *
     * @throws LockBusyException naming {@code shownAs} when it could not be had within the configured wait
     */
    protected abstract void lockUntilTransactionEnds(String key, String shownAs);
}
