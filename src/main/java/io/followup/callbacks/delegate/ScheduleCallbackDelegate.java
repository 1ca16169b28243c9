package io.followup.callbacks.delegate;

import io.followup.callbacks.cluster.PhoneNumberLock;
import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.TicketReference;
import io.followup.callbacks.talkdesk.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.error.CallbackConflictException;
import io.followup.callbacks.talkdesk.error.CallbackNotFoundException;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Schedule callback": books the callback, exactly once. Right before booking it looks again for an active callback
 * on the number: one this ticket booked already (an earlier attempt whose answer was lost) is adopted; one booked
 * meanwhile by someone else is updated instead of adding a duplicate. Talkdesk's refusal becomes
 * {@code CALLBACK_REJECTED}. The look and the booking happen under the {@link PhoneNumberLock} of the number, held
 * until the job's transaction ends, so two follow-ups for one number (on any node) never both book.
 */
public class ScheduleCallbackDelegate extends CallbackDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleCallbackDelegate.class);

    private final TalkdeskCallbackService talkdesk;
    private final CallbackOutputs outputs;
    private final PhoneNumberLock lock;

    public ScheduleCallbackDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            CallbackOutputs outputs, PhoneNumberLock lock) {
        super(requests);
        this.talkdesk = talkdesk;
        this.outputs = outputs;
        this.lock = lock;
    }

    @Override
    protected void run(DelegateExecution execution) {
        CallbackRequest request = bookableRequest(execution);
        lock.lockFor(request.phoneNumber());
        try {
            Optional<CallbackResource> existing = FindActiveCallbackDelegate.preferOwn(
                    talkdesk.findActive(request.phoneNumber()), request.ticketId());
            if (existing.isEmpty()) {
                outputs.booked(execution, talkdesk.schedule(request).callbackId(), Status.SCHEDULED, request);
            } else if (TicketReference.isMarkedFor(existing.get().notes(), request.ticketId())) {
                LOG.info("TDCB-D110 adopting callback {} booked earlier for ticket {}", existing.get().callbackId(),
                        request.ticketId());
                outputs.booked(execution, existing.get().callbackId(), Status.SCHEDULED, request);
            } else {
                updateOrBook(execution, request, existing.get().callbackId());
            }
        } catch (CallbackRejectedException e) {
            throw rejectedByTalkdesk(execution, e, request);
        }
        clearRejection(execution);
    }

    private void updateOrBook(DelegateExecution execution, CallbackRequest request, String activeId) {
        LOG.info("TDCB-D120 an active callback {} exists for the number; updating it instead of booking another",
                activeId);
        try {
            talkdesk.update(activeId, request);
            outputs.booked(execution, activeId, Status.UPDATED, request);
        } catch (CallbackNotFoundException | CallbackConflictException gone) {
            LOG.info("TDCB-D121 callback {} ended meanwhile; booking a new one", activeId);
            outputs.booked(execution, talkdesk.schedule(request).callbackId(), Status.SCHEDULED, request);
        }
    }

    @Override
    public Set<String> errorCodes() {
        return Set.of(Errors.INVALID_CALLBACK_REQUEST, Errors.CALLBACK_REJECTED);
    }

    @Override
    protected String taskName() {
        return "Schedule callback";
    }
}
