package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME_REASON;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_SHARED_WITH;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_STATUS;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.PhoneNumberLock;
import io.followup.callbacks.process.SupportFollowUpProcess;
import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.process.SupportFollowUpProcess.Outcomes;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.talkdesk.error.CallbackConflictException;
import io.followup.callbacks.talkdesk.error.CallbackNotFoundException;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Cancel callback": cancels callback {@code callbackId} and sets {@code callbackStatus} to {@code CANCELLED}.
 * {@code CALLBACK_NOT_FOUND} when Talkdesk no longer knows it or it already ended (a repeated cancel lands here).
 * Tickets that share a number share its one active callback: while another ticket's running follow-up holds the same
 * callback, this follow-up lets go of it (status {@code CANCELLED}, {@code callbackSharedWith} naming those tickets)
 * and Talkdesk keeps it. The look happens under the number's lock, so a booking for the number on any node waits.
 */
public class CancelCallbackDelegate extends CallbackDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(CancelCallbackDelegate.class);

    private final TalkdeskCallbackService talkdesk;
    private final PhoneNumberLock lock;

    public CancelCallbackDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            PhoneNumberLock lock) {
        super(requests);
        this.talkdesk = talkdesk;
        this.lock = lock;
    }

    @Override
    protected void run(DelegateExecution execution) {
        String callbackId = ProcessInputs.text(execution, CALLBACK_ID);
        if (callbackId == null || callbackId.isBlank()) {
            throw reject(execution, Errors.CALLBACK_NOT_FOUND, "callbackId: no callback to cancel");
        }
        customerNumber(execution).ifPresent(lock::lockFor);
        List<String> sharedWith = execution.getProcessEngineServices().getRuntimeService()
                .createProcessInstanceQuery().processDefinitionKey(SupportFollowUpProcess.PROCESS_KEY)
                .variableValueEquals(CALLBACK_ID, callbackId).active().list().stream()
                .filter(other -> !other.getId().equals(execution.getProcessInstanceId()))
                .map(other -> other.getBusinessKey() == null ? other.getId() : other.getBusinessKey()).toList();
        if (!sharedWith.isEmpty()) {
            LOG.info("TDCB-D310 callback {} stays: the follow-ups of {} still need it", callbackId, sharedWith);
            execution.setVariable(CALLBACK_SHARED_WITH, String.join(",", sharedWith));
            execution.setVariable(CALLBACK_STATUS, Status.CANCELLED);
            return;
        }
        try {
            talkdesk.cancel(callbackId);
        } catch (CallbackNotFoundException | CallbackConflictException e) {
            throw reject(execution, Errors.CALLBACK_NOT_FOUND, e.getMessage());
        } catch (CallbackRejectedException e) {
            execution.setVariable(CALLBACK_OUTCOME, Outcomes.CANCEL_REFUSED);
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
