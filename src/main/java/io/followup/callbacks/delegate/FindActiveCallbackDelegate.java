package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.ACTIVE_CALLBACK_FOUND;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;

import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.TicketReference;
import io.followup.callbacks.talkdesk.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * "Find active callback": looks for an {@code UNATTEMPTED} or {@code TO_BE_RETRIED} callback on the customer's number
 * and writes {@code activeCallbackFound} and {@code callbackId}. A callback this ticket booked is preferred.
 */
public class FindActiveCallbackDelegate extends CallbackDelegate {

    private final TalkdeskCallbackService talkdesk;

    public FindActiveCallbackDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk) {
        super(requests);
        this.talkdesk = talkdesk;
    }

    @Override
    protected void run(DelegateExecution execution) {
        CallbackRequest request = bookableRequest(execution);
        Optional<CallbackResource> active;
        try {
            active = preferOwn(talkdesk.findActive(request.phoneNumber()), request.ticketId());
        } catch (CallbackRejectedException e) {
            throw reject(execution, Errors.CALLBACK_REJECTED, e.getMessage());
        }
        execution.setVariable(ACTIVE_CALLBACK_FOUND, active.isPresent());
        execution.setVariable(CALLBACK_ID, active.map(CallbackResource::callbackId).orElse(null));
    }

    static Optional<CallbackResource> preferOwn(List<CallbackResource> active, String ticketId) {
        return active.stream()
                .min(Comparator.comparing((CallbackResource c) -> !TicketReference.isMarkedFor(c.notes(), ticketId)));
    }

    @Override
    public Set<String> errorCodes() {
        return Set.of(Errors.INVALID_CALLBACK_REQUEST, Errors.CALLBACK_REJECTED);
    }

    @Override
    protected String taskName() {
        return "Find active callback";
    }
}
