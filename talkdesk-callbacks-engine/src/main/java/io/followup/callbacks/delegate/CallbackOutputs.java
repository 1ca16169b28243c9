package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_CHECK_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME_CHECKS;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_SCHEDULED_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_STATUS;

import io.followup.callbacks.cluster.FollowUpLock;
import io.followup.callbacks.request.CallbackRequest;
import java.time.Duration;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Writes the documented outputs of a booking: {@code callbackId}, {@code callbackStatus},
 * {@code callbackScheduledTime} (UTC, ISO-8601) and the time the post-call check runs (callback time plus grace);
 * then reads a cancellation recorded while the booking ran ({@link RecordedCancellation}), so the model cancels the
 * callback at once instead of waiting for it.
 */
public class CallbackOutputs {

    private final Duration checkGracePeriod;
    private final Supplier<? extends FollowUpLock> lock;

    /** {@code lock} is looked up at the first booking (in Spring, the locks need the data source). */
    public CallbackOutputs(Duration checkGracePeriod, Supplier<? extends FollowUpLock> lock) {
        this.checkGracePeriod = checkGracePeriod;
        this.lock = lock;
    }

    void booked(DelegateExecution execution, String callbackId, String status, CallbackRequest request) {
        execution.setVariable(CALLBACK_ID, callbackId);
        execution.setVariable(CALLBACK_STATUS, status);
        execution.setVariable(CALLBACK_SCHEDULED_TIME, request.scheduledTime().toString());
        execution.setVariable(CALLBACK_CHECK_TIME, request.scheduledTime().plus(checkGracePeriod).toString());
        execution.removeVariable(CALLBACK_OUTCOME_CHECKS);
        RecordedCancellation.read(execution, lock.get());
    }
}
