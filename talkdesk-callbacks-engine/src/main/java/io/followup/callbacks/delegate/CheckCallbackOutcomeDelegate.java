package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_CHECK_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME_CHECKS;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME_REASON;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_SCHEDULED_TIME;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.FollowUpLock;
import io.followup.callbacks.process.SupportFollowUpProcess.Outcomes;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * "Check callback outcome": after the callback time plus grace, reads the callback's status from Talkdesk and
 * decides, in {@code callbackOutcome}: {@code SUCCESS} (done); {@code PENDING} (still {@code UNATTEMPTED} or
 * {@code TO_BE_RETRIED}: wait {@code recheckInterval} and look again, at most {@code maxChecks} looks); anything else
 * goes to a supervisor with {@code callbackOutcomeReason} in plain words: {@code EXHAUSTED}, {@code INVALID_NUMBER},
 * {@code CANCELED} (by an agent), {@code NOT_FOUND}, {@code STILL_PENDING} (after the last look), {@code
 * CHECK_REFUSED} (Talkdesk refused the lookup with a 4xx), or a status this client does not know.
 */
public class CheckCallbackOutcomeDelegate extends CallbackDelegate {

    /** Outcome written when Talkdesk no longer lists the callback. */
    public static final String NOT_FOUND = Outcomes.NOT_FOUND;

    private final TalkdeskCallbackService talkdesk;
    private final Clock clock;
    private final Duration recheckInterval;
    private final int maxChecks;
    private final Duration expiry;
    private final Supplier<? extends FollowUpLock> lock;

    /** {@code lock} is looked up at the first check (in Spring, the locks need the data source). */
    public CheckCallbackOutcomeDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            Clock clock, Duration recheckInterval, int maxChecks, Duration expiry, Supplier<? extends FollowUpLock> lock) {
        super(requests);
        this.lock = lock;
        this.talkdesk = talkdesk;
        this.clock = clock;
        this.recheckInterval = recheckInterval;
        this.maxChecks = maxChecks;
        this.expiry = expiry;
    }

    @Override
    protected void run(DelegateExecution execution) {
        String phone = customerNumber(execution).orElse(null);
        String callbackId = ProcessInputs.text(execution, CALLBACK_ID);
        Optional<CallbackResource> callback;
        try {
            callback = phone == null || callbackId == null ? Optional.empty()
                    : talkdesk.findById(phone, callbackId);
        } catch (CallbackRejectedException refused) {
            decide(execution, Outcomes.CHECK_REFUSED, "Talkdesk refused to list the callbacks of the number (HTTP "
                    + refused.httpStatus() + "): check the callback in Talkdesk's Callback Manager");
            return;
        }
        if (callback.isEmpty()) {
            decide(execution, NOT_FOUND, callbackId == null ? "the follow-up has no callback id to check"
                    : "Talkdesk no longer lists callback " + callbackId + ": it may have been deleted");
            return;
        }
        String status = callback.get().status();
        if (callback.get().isActive()) {
            int checks = checksSoFar(execution) + 1;
            execution.setVariable(CALLBACK_OUTCOME_CHECKS, checks);
            if (RecordedCancellation.read(execution, lock.get())) {
                decide(execution, Outcomes.PENDING, null); // back to the gateway that cancels it
            } else if (expired(execution)) {
                decide(execution, Outcomes.STILL_PENDING, "the callback is still " + status + " " + expiry.toHours()
                        + " hours after its time (talkdesk.windows.expiry): it expired without Talkdesk calling the "
                        + "customer");
            } else if (checks < maxChecks) {
                execution.setVariable(CALLBACK_CHECK_TIME, clock.instant().plus(recheckInterval).toString());
                decide(execution, Outcomes.PENDING, null);
            } else {
                decide(execution, Outcomes.STILL_PENDING, "the callback is still " + status + " after " + checks
                        + " checks: Talkdesk has not called the customer yet");
            }
            return;
        }
        decide(execution, status, switch (status) {
            case "SUCCESS" -> null;
            case "EXHAUSTED" -> "Talkdesk tried and could not reach the customer";
            case "INVALID_NUMBER" -> "Talkdesk says the customer's number is invalid";
            case "CANCELED" -> "the callback was cancelled in Talkdesk (by an agent or another system)";
            default -> "Talkdesk reports a status this follow-up does not know: " + status;
        });
    }

    /** Whether the callback's time plus the expiry has passed. */
    private boolean expired(DelegateExecution execution) {
        String scheduled = ProcessInputs.text(execution, CALLBACK_SCHEDULED_TIME);
        try {
            return scheduled != null && !clock.instant().isBefore(Instant.parse(scheduled).plus(expiry));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void decide(DelegateExecution execution, String outcome, String reason) {
        execution.setVariable(CALLBACK_OUTCOME, outcome);
        execution.setVariable(CALLBACK_OUTCOME_REASON, reason);
    }

    private static int checksSoFar(DelegateExecution execution) {
        return execution.getVariable(CALLBACK_OUTCOME_CHECKS) instanceof Number checks ? checks.intValue() : 0;
    }

    @Override
    public Set<String> errorCodes() {
        return Set.of();
    }

    @Override
    protected String taskName() {
        return "Check callback outcome";
    }
}
