package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.ACTIVE_CALLBACK_FOUND;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_STATUS;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.PhoneNumberLock;
import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.request.CallbackLookup;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.TicketReference;
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
 *
 * <p>It looks under the number's {@link PhoneNumberLock}, held until the job's transaction ends, and hands what it
 * saw to <em>Schedule callback</em> or <em>Update callback</em> running in the same job ({@link LookUnderLock}): the
 * number is looked up once per booking. After a booking whose answer was lost ({@link BookingAttempt} left on the
 * follow-up) it routes to <em>Schedule callback</em>, which recognises and adopts that booking rather than updating
 * it as if it were someone else's.
 */
public class FindActiveCallbackDelegate extends CallbackDelegate {

    private final TalkdeskCallbackService talkdesk;
    private final PhoneNumberLock lock;

    public FindActiveCallbackDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            PhoneNumberLock lock) {
        super(requests);
        this.talkdesk = talkdesk;
        this.lock = lock;
    }

    @Override
    protected void run(DelegateExecution execution) {
        boolean bookingInFlight = BookingAttempt.read(execution.getVariable(BookingAttempt.VARIABLE)).isPresent();
        // after a lost answer Schedule judges the time, once it knows whether that booking went through
        CallbackLookup request = bookingInFlight ? CallbackLookup.of(request(execution)) : lookup(execution);
        lock.lockFor(request.phoneNumber());
        List<CallbackResource> seen;
        try {
            seen = talkdesk.findActive(request.phoneNumber());
        } catch (CallbackRejectedException e) {
            throw reject(execution, Errors.CALLBACK_REJECTED, e.getMessage());
        }
        LookUnderLock.remember(execution, request.phoneNumber(), seen);
        Optional<String> target = bookingInFlight ? Optional.empty()
                : held(execution).or(() -> preferOwn(seen, request.ticketId()).map(CallbackResource::callbackId));
        execution.setVariable(ACTIVE_CALLBACK_FOUND, target.isPresent());
        execution.setVariable(CALLBACK_ID, target.orElse(null));
    }

    /**
     * The callback this follow-up booked and still holds ({@code callbackId} with {@code callbackStatus}
     * {@code SCHEDULED} or {@code UPDATED}): after a review it is moved (to a corrected number too), never left
     * behind while another is booked; if it is gone by then, Update says so and a new one is booked.
     */
    static Optional<String> held(DelegateExecution execution) {
        String id = ProcessInputs.text(execution, CALLBACK_ID);
        String status = ProcessInputs.text(execution, CALLBACK_STATUS);
        return id != null && !id.isBlank() && (Status.SCHEDULED.equals(status) || Status.UPDATED.equals(status))
                ? Optional.of(id) : Optional.empty();
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
