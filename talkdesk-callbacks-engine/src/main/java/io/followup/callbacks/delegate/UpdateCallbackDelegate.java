package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.talkdesk.error.CallbackConflictException;
import io.followup.callbacks.talkdesk.error.CallbackNotFoundException;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * "Update callback": moves the active callback {@code callbackId} to the requested time, number and assignment
 * (a JSON Patch, safe to repeat). {@code CALLBACK_REJECTED} when Talkdesk refuses the change,
 * {@code CALLBACK_NOT_FOUND} when the callback is gone or no longer editable (the model then books a new one).
 */
public class UpdateCallbackDelegate extends CallbackDelegate {

    private final TalkdeskCallbackService talkdesk;
    private final CallbackOutputs outputs;

    public UpdateCallbackDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            CallbackOutputs outputs) {
        super(requests);
        this.talkdesk = talkdesk;
        this.outputs = outputs;
    }

    @Override
    protected void run(DelegateExecution execution) {
        CallbackRequest request = bookableRequest(execution);
        String callbackId = ProcessInputs.text(execution, CALLBACK_ID);
        if (callbackId == null || callbackId.isBlank()) {
            throw reject(execution, Errors.CALLBACK_NOT_FOUND, "callbackId: no callback to update");
        }
        try {
            talkdesk.update(callbackId, request);
        } catch (CallbackRejectedException e) {
            throw rejectedByTalkdesk(execution, e, request);
        } catch (CallbackNotFoundException | CallbackConflictException e) {
            LookUnderLock.forget(); // what Find saw is out of date: Schedule callback, if next, looks again
            throw reject(execution, Errors.CALLBACK_NOT_FOUND, e.getMessage());
        }
        outputs.booked(execution, callbackId, Status.UPDATED, request);
        clearRejection(execution);
    }

    @Override
    public Set<String> errorCodes() {
        return Set.of(Errors.INVALID_CALLBACK_REQUEST, Errors.CALLBACK_REJECTED, Errors.CALLBACK_NOT_FOUND);
    }

    @Override
    protected String taskName() {
        return "Update callback";
    }
}
