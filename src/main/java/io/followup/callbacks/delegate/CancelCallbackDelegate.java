package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME_REASON;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_STATUS;

import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.talkdesk.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.error.CallbackConflictException;
import io.followup.callbacks.talkdesk.error.CallbackNotFoundException;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * "Cancel callback": cancels callback {@code callbackId} and sets {@code callbackStatus} to {@code CANCELLED}.
 * {@code CALLBACK_NOT_FOUND} when Talkdesk no longer knows it or it already ended (a repeated cancel lands here).
 */
public class CancelCallbackDelegate extends CallbackDelegate {

    private final TalkdeskCallbackService talkdesk;

    public CancelCallbackDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk) {
        super(requests);
        this.talkdesk = talkdesk;
    }

    @Override
    protected void run(DelegateExecution execution) {
        String callbackId = ProcessInputs.text(execution, CALLBACK_ID);
        if (callbackId == null || callbackId.isBlank()) {
            throw reject(execution, Errors.CALLBACK_NOT_FOUND, "callbackId: no callback to cancel");
        }
        try {
            talkdesk.cancel(callbackId);
        } catch (CallbackNotFoundException | CallbackConflictException e) {
            throw reject(execution, Errors.CALLBACK_NOT_FOUND, e.getMessage());
        } catch (CallbackRejectedException e) {
            execution.setVariable(CALLBACK_OUTCOME_REASON, "Talkdesk refused to cancel callback " + callbackId
                    + " (HTTP " + e.httpStatus() + "): it may still call the customer; cancel it in Talkdesk's "
                    + "Callback Manager");
            throw reject(execution, Errors.CALLBACK_REJECTED, e.getMessage());
        }
        execution.setVariable(CALLBACK_STATUS, Status.CANCELLED);
    }

    @Override
    public Set<String> errorCodes() {
        return Set.of(Errors.CALLBACK_NOT_FOUND, Errors.CALLBACK_REJECTED);
    }

    @Override
    protected String taskName() {
        return "Cancel callback";
    }
}
