package io.followup.callbacks.delegate;

import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.TicketReference;
import io.followup.callbacks.talkdesk.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Schedule callback": books the callback, exactly once. Right before booking it looks again for an active callback
 * on the number: one this ticket booked already (an earlier attempt whose answer was lost) is adopted; one booked
 * meanwhile by someone else is updated instead of adding a duplicate. Talkdesk's refusal becomes
 * {@code CALLBACK_REJECTED}.
 */
public class ScheduleCallbackDelegate extends CallbackDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleCallbackDelegate.class);

    private final TalkdeskCallbackService talkdesk;
    private final CallbackOutputs outputs;

    public ScheduleCallbackDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            CallbackOutputs outputs) {
        super(requests);
        this.talkdesk = talkdesk;
        this.outputs = outputs;
    }

    @Override
    protected void run(DelegateExecution execution) {
        CallbackRequest request = validRequest(execution);
        Optional<CallbackResource> existing = FindActiveCallbackDelegate.preferOwn(
                talkdesk.findActive(request.phoneNumber()), request.ticketId());
        try {
            if (existing.isEmpty()) {
                outputs.booked(execution, talkdesk.schedule(request).callbackId(), Status.SCHEDULED, request);
            } else if (TicketReference.isMarkedFor(existing.get().notes(), request.ticketId())) {
                LOG.info("TDCB-D110 adopting callback {} booked earlier for ticket {}", existing.get().callbackId(),
                        request.ticketId());
                outputs.booked(execution, existing.get().callbackId(), Status.SCHEDULED, request);
            } else {
                LOG.info("TDCB-D120 an active callback {} appeared for the number; updating it instead of booking "
                        + "another", existing.get().callbackId());
                talkdesk.update(existing.get().callbackId(), request);
                outputs.booked(execution, existing.get().callbackId(), Status.UPDATED, request);
            }
        } catch (CallbackRejectedException e) {
            throw reject(execution, Errors.CALLBACK_REJECTED, e.getMessage());
        }
        clearRejection(execution);
    }

    @Override
    protected String taskName() {
        return "Schedule callback";
    }
}
