package io.followup.callbacks.cluster;

/** Another transaction held a lock longer than the configured wait; the job (or request) can be retried. */
public class LockBusyException extends RuntimeException {

    public LockBusyException(String message) {
        super(message);
    }
}
