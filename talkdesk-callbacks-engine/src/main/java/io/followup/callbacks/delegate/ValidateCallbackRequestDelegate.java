package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REQUEST;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_SCHEDULED_TIME;

import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.CallbackRequestJson;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * "Validate callback request": checks the inputs locally, without calling Talkdesk. Throws
 * {@code INVALID_CALLBACK_REQUEST} with a message naming every bad field; on success writes the UTC time the
 * callback will be asked for.
 */
public class ValidateCallbackRequestDelegate extends CallbackDelegate {

    public ValidateCallbackRequestDelegate(CallbackRequestFactory requests) {
        super(requests);
    }

    @Override
    protected void run(DelegateExecution execution) {
        CallbackRequest request = validRequest(execution);
        clearRejection(execution);
        execution.setVariable(CALLBACK_REQUEST, CallbackRequestJson.write(request));
        execution.setVariable(CALLBACK_SCHEDULED_TIME, request.scheduledTime().toString());
    }

    @Override
    public Set<String> errorCodes() {
        return Set.of(Errors.INVALID_CALLBACK_REQUEST);
    }

    @Override
    protected String taskName() {
        return "Validate callback request";
    }
}
