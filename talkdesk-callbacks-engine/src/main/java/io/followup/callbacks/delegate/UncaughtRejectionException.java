package io.followup.callbacks.delegate;

/**
 * A business outcome of a callback step that the model does not catch. Camunda would otherwise end the process
 * silently (unless {@code enableExceptionsAfterUnhandledBpmnError} is set); this failure is never retried
 * ({@code RetryAfterFailedJobCommandFactory} sets the job's retries to 0), so it shows at once as an incident whose
 * message names the error code and the fields, or, outside a job, reaches the caller.
 */
public class UncaughtRejectionException extends RuntimeException {

    public UncaughtRejectionException(String message) {
        super(message);
    }
}
