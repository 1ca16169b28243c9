package io.followup.callbacks.delegate;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.PhoneNumberLock;
import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.error.CallbackConflictException;
import io.followup.callbacks.talkdesk.error.CallbackNotFoundException;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Schedule callback": books the callback, exactly once. Right before booking it looks again for an active callback
 * on the number: one an earlier attempt of this follow-up booked although its answer was lost is adopted (it is
 * recognised by the {@link BookingAttempt} left behind, not by its notes); any other active one is updated instead
 * of adding a duplicate (after a node died mid-call, that is its own booking, updated to the same
 * values). Talkdesk's refusal becomes
 * {@code CALLBACK_REJECTED}. The look and the booking happen under the {@link PhoneNumberLock} of the number, held
 * until the job's transaction ends, so two follow-ups for one number (on any node) never both book. When
 * <em>Find active callback</em> ran in the same job, its look under that lock is the look ({@link LookUnderLock}).
 */
public class ScheduleCallbackDelegate extends CallbackDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleCallbackDelegate.class);

    private final TalkdeskCallbackService talkdesk;
    private final CallbackOutputs outputs;
    private final PhoneNumberLock lock;
    private final Clock clock;

    public ScheduleCallbackDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            CallbackOutputs outputs, PhoneNumberLock lock, Clock clock) {
        super(requests);
        this.talkdesk = talkdesk;
        this.outputs = outputs;
        this.lock = lock;
        this.clock = clock;
    }

    @Override
    protected void run(DelegateExecution execution) {
        Optional<BookingAttempt> earlier = BookingAttempt.read(execution.getVariable(BookingAttempt.VARIABLE));
        // after a lost answer the time is judged only once that booking is known not to exist: if it does, it stands
        CallbackRequest request = earlier.isPresent() ? request(execution) : bookableRequest(execution);
        try {
            List<CallbackResource> active = LookUnderLock.recall(execution, request.phoneNumber())
                    .orElseGet(() -> lookUnderLock(request.phoneNumber()));
            Optional<CallbackResource> ours = earlier.flatMap(attempt -> createdBy(attempt, active, request));
            if (ours.isPresent()) {
                LOG.info("TDCB-D110 adopting callback {}: booked by an earlier attempt whose answer was lost",
                        ours.get().callbackId());
                outputs.booked(execution, ours.get().callbackId(), Status.SCHEDULED, request);
            } else {
                requireTimeAhead(execution, request);
                Optional<CallbackResource> existing = FindActiveCallbackDelegate.preferOwn(active, request.ticketId());
                if (existing.isEmpty()) {
                    book(execution, request, earlier.orElseGet(() -> BookingAttempt.before(clock.instant(), active)));
                } else {
                    updateOrBook(execution, request, existing.get().callbackId(), active);
                }
            }
        } catch (CallbackRejectedException e) {
            throw rejectedByTalkdesk(execution, e, request);
        }
        execution.removeVariable(BookingAttempt.VARIABLE);
        clearRejection(execution);
    }

    private List<CallbackResource> lookUnderLock(String phoneNumber) {
        lock.lockFor(phoneNumber);
        return talkdesk.findActive(phoneNumber);
    }

    /**
     * The callback an earlier attempt created: among the active ones, else (it may have been called already) among
     * all of the number's callbacks, which costs one more look and happens only after a lost answer.
     */
    private Optional<CallbackResource> createdBy(BookingAttempt attempt, List<CallbackResource> active,
            CallbackRequest request) {
        Optional<CallbackResource> created = attempt.createdAmong(active, request);
        return created.isPresent() ? created : attempt.createdAmong(talkdesk.findAll(request.phoneNumber()), request);
    }

    /**
     * Books the request with {@code attempt}'s reference in its notes; an answer that never came after the request
     * was sent leaves {@code attempt} on the follow-up for the retry. A failure after which Talkdesk certainly did
     * nothing (an answer such as 503 or 429, a refused connection, a token failure) leaves nothing: the retry books
     * afresh.
     */
    private void book(DelegateExecution execution, CallbackRequest request, BookingAttempt attempt) {
        try {
            outputs.booked(execution, talkdesk.schedule(request, attempt.reference()).callbackId(), Status.SCHEDULED,
                    request);
        } catch (TalkdeskTransientException failed) {
            if (!failed.mayHaveActed()) {
                throw failed;
            }
            throw new CallbackTaskFailedException(taskName() + " for ticket " + execution.getProcessBusinessKey()
                    + " failed: " + failed.getMessage(), failed, Map.of(BookingAttempt.VARIABLE, attempt.toJson()));
        }
    }

    private void updateOrBook(DelegateExecution execution, CallbackRequest request, String activeId,
            List<CallbackResource> active) {
        LOG.info("TDCB-D120 an active callback {} exists for the number; updating it instead of booking another",
                activeId);
        try {
            talkdesk.update(activeId, request);
            outputs.booked(execution, activeId, Status.UPDATED, request);
        } catch (CallbackNotFoundException | CallbackConflictException gone) {
            LOG.info("TDCB-D121 callback {} ended meanwhile; booking a new one", activeId);
            book(execution, request, BookingAttempt.before(clock.instant(), active));
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
