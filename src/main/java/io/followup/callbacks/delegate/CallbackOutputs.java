package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_CHECK_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_SCHEDULED_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_STATUS;

import io.followup.callbacks.request.CallbackRequest;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Writes the documented outputs of a booking: {@code callbackId}, {@code callbackStatus},
 * {@code callbackScheduledTime} (UTC, ISO-8601) and the time the post-call check runs (callback time plus grace).
 */
public class CallbackOutputs {

    private final Duration checkGracePeriod;

    public CallbackOutputs(Duration checkGracePeriod) {
        this.checkGracePeriod = checkGracePeriod;
    }

    void booked(VariableScope scope, String callbackId, String status, CallbackRequest request) {
        scope.setVariable(CALLBACK_ID, callbackId);
        scope.setVariable(CALLBACK_STATUS, status);
        scope.setVariable(CALLBACK_SCHEDULED_TIME, request.scheduledTime().toString());
        scope.setVariable(CALLBACK_CHECK_TIME, request.scheduledTime().plus(checkGracePeriod).toString());
    }
}
