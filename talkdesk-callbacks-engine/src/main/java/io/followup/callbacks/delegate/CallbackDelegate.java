package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REJECTION_CODE;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REJECTION_DETAIL;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REJECTION_MESSAGE;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REQUEST;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REQUESTED_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_TIMEZONE;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_TIME_MOVED;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_TIME_MOVED_REASON;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLING_WINDOWS;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.PHONE_NUMBER;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.PHONE_REGION;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.TIMEZONE_SOURCE;

import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.request.CallbackLookup;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.CallbackRequestJson;
import io.followup.callbacks.request.CallbackRequestValidation;
import io.followup.callbacks.request.FieldProblem;
import io.followup.callbacks.request.WindowOutcome;
import io.followup.callbacks.talkdesk.JobDeadline;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import io.followup.callbacks.talkdesk.error.TalkdeskConfigurationException;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.MDC;

/**
 * What every callback delegate shares: the log context (business key and process instance id), reading and
 * validating the request, and the split between business outcomes ({@link BpmnError} with a documented code) and
 * technical failures (a {@link CallbackTaskFailedException} the job executor retries and finally shows as an
 * incident).
 */
public abstract class CallbackDelegate implements JavaDelegate {

    private static final Duration DEFAULT_LOCK_TIME = Duration.ofMinutes(5);

    private final CallbackRequestFactory requests;

    protected CallbackDelegate(CallbackRequestFactory requests) {
        this.requests = requests;
    }

    @Override
    public final void execute(DelegateExecution execution) {
        try (MDC.MDCCloseable key = MDC.putCloseable("businessKey", execution.getProcessBusinessKey());
                MDC.MDCCloseable instance = MDC.putCloseable("processInstanceId",
                        execution.getProcessInstanceId())) {
            JobDeadline.run(jobBudget(), () -> run(execution));
        } catch (BpmnError rejection) {
            // a step that ends in a business outcome booked nothing: no lost booking is left to look for
            execution.removeVariable(BookingAttempt.VARIABLE);
            throw rejection;
        } catch (TalkdeskTransientException | TalkdeskConfigurationException e) {
            throw new CallbackTaskFailedException(taskName() + " for ticket " + execution.getProcessBusinessKey()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * One deadline per job: four fifths of what is left of the current job's lock (so Find and Schedule in one job
     * share it, each step getting what the earlier left), else of the engine's job lock time (a job run by hand, a
     * step outside a job; Camunda's default of 5 minutes without a job executor). The Talkdesk work of a job ends
     * before its lock does, so no other node runs the same job meanwhile.
     */
    static Duration jobBudget() {
        JobExecutorContext jobContext = Context.getJobExecutorContext();
        JobEntity job = jobContext == null ? null : jobContext.getCurrentJob();
        if (job != null && job.getLockExpirationTime() != null) {
            long left = job.getLockExpirationTime().getTime() - ClockUtil.getCurrentTime().getTime();
            return Duration.ofMillis(Math.max(0, left) * 4 / 5);
        }
        ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
        long lockTime = engine != null && engine.getJobExecutor() != null
                ? engine.getJobExecutor().getLockTimeInMillis() : DEFAULT_LOCK_TIME.toMillis();
        return Duration.ofMillis(lockTime * 4 / 5);
    }

    /** The step's work: read inputs, call one service, write outputs. */
    protected abstract void run(DelegateExecution execution);

    /** A short name of the step for incident messages, such as "Schedule callback". */
    protected abstract String taskName();

    /**
     * The request as <em>Validate callback request</em> stored it ({@code callbackRequest}), never judged again; in
     * a model without that step, the inputs validated here.
     */
    protected CallbackRequest request(DelegateExecution execution) {
        return storedRequest(execution).orElseGet(() -> validRequest(execution));
    }

    /** The request <em>Validate callback request</em> stored, if that step ran. */
    private static Optional<CallbackRequest> storedRequest(DelegateExecution execution) {
        Object stored = execution.getVariable(CALLBACK_REQUEST);
        return stored instanceof String json && !json.isBlank() ? Optional.of(CallbackRequestJson.read(json))
                : Optional.empty();
    }

    /**
     * The customer's number in E.164 without judging the request again (steps after the callback time): as
     * validated, or, in a model without the validation step, read from {@code phoneNumber} and {@code phoneRegion}.
     */
    protected Optional<String> customerNumber(DelegateExecution execution) {
        Optional<CallbackRequest> stored = storedRequest(execution);
        return stored.isPresent() ? stored.map(CallbackRequest::phoneNumber)
                : requests.e164(ProcessInputs.text(execution, PHONE_NUMBER),
                        ProcessInputs.text(execution, PHONE_REGION));
    }

    /**
     * {@link #request}, checked once more before Talkdesk is called: a time that passed while Talkdesk could not be
     * reached is a business outcome, {@code INVALID_CALLBACK_REQUEST} naming {@code callbackTime}, for the review.
     */
    protected CallbackRequest bookableRequest(DelegateExecution execution) {
        return requireTimeAhead(execution, request(execution));
    }

    /** {@code request}, unless its time passed: then {@code INVALID_CALLBACK_REQUEST} naming {@code callbackTime}. */
    protected CallbackRequest requireTimeAhead(DelegateExecution execution, CallbackRequest request) {
        Optional<FieldProblem> passed = requests.timePassed(request);
        if (passed.isPresent()) {
            throw reject(execution, Errors.INVALID_CALLBACK_REQUEST, passed.get().toString());
        }
        return request;
    }

    /**
     * What a look for active callbacks needs, and no more: the stored request's number and ticket, or, in a model
     * without <em>Validate callback request</em>, the number (and the time, when one is given) judged from the inputs;
     * the booking inputs (assignment, caller ID) are judged by the step that books.
     */
    protected CallbackLookup lookup(DelegateExecution execution) {
        Optional<CallbackRequest> stored = storedRequest(execution);
        if (stored.isPresent()) {
            return CallbackLookup.of(requireTimeAhead(execution, stored.get()));
        }
        CallbackLookup lookup = requests.validateLookup(ProcessInputs.read(execution,
                execution.getProcessBusinessKey()));
        if (!lookup.isValid()) {
            throw reject(execution, Errors.INVALID_CALLBACK_REQUEST, lookup.summary());
        }
        return lookup;
    }

    /**
     * The validated request from the execution's variables, with how the calling windows judged it in the
     * follow-up's variables; else a BPMN error naming every bad field: {@code CALLBACK_OUTSIDE_WINDOW} for a time the
     * windows do not allow where the model catches that code, {@code INVALID_CALLBACK_REQUEST} otherwise.
     */
    protected CallbackRequest validRequest(DelegateExecution execution) {
        CallbackRequestValidation validation = requests.validate(
                ProcessInputs.read(execution, execution.getProcessBusinessKey()));
        if (!validation.isValid()) {
            boolean outside = validation.isOutsideWindow()
                    && ErrorCatchers.catches(execution, Errors.CALLBACK_OUTSIDE_WINDOW);
            throw reject(execution, outside ? Errors.CALLBACK_OUTSIDE_WINDOW : Errors.INVALID_CALLBACK_REQUEST,
                    validation.summary());
        }
        WindowOutcome window = validation.window();
        execution.setVariable(TIMEZONE_SOURCE, window.timezoneSource().name());
        execution.setVariable(CALLBACK_TIMEZONE, validation.request().timezone().getId());
        execution.setVariable(CALLBACK_REQUESTED_TIME, window.requestedTime().toString());
        execution.setVariable(CALLBACK_TIME_MOVED, window.moved());
        execution.setVariable(CALLBACK_TIME_MOVED_REASON, window.movedReason());
        execution.setVariable(CALLING_WINDOWS, window.applied());
        return validation.request();
    }

    /**
     * The BPMN error codes this step throws, each a business outcome the model must catch with an error boundary
     * event (the shipped model does; a model test checks it).
     */
    public abstract Set<String> errorCodes();

    /** Records the rejection on the process and returns the BPMN error to throw; only a declared code. */
    protected BpmnError reject(DelegateExecution execution, String code, String message) {
        boolean declared = errorCodes().contains(code) || code.equals(Errors.CALLBACK_OUTSIDE_WINDOW)
                && errorCodes().contains(Errors.INVALID_CALLBACK_REQUEST);
        if (!declared) {
            throw new IllegalStateException("TDCB-D900 " + taskName() + " threw " + code + " but declares only "
                    + errorCodes());
        }
        if (!ErrorCatchers.catches(execution, code)) {
            throw new UncaughtRejectionException("TDCB-D901 " + taskName() + " for ticket "
                    + execution.getProcessBusinessKey() + " ended in " + code + " and the model catches " + code
                    + " nowhere (no error boundary event or event subprocess): " + message);
        }
        execution.setVariable(CALLBACK_REJECTION_CODE, code);
        execution.setVariable(CALLBACK_REJECTION_MESSAGE, message);
        return new BpmnError(code, message);
    }

    /**
     * Talkdesk's refusal of {@code request}: the plain message (one line per field, in our field names) as the BPMN
     * error's message and {@code callbackRejectionMessage}, the technical one in {@code callbackRejectionDetail}.
     */
    protected BpmnError rejectedByTalkdesk(DelegateExecution execution, CallbackRejectedException rejection,
            CallbackRequest request) {
        execution.setVariable(CALLBACK_REJECTION_DETAIL, rejection.getMessage());
        return reject(execution, Errors.CALLBACK_REJECTED, RejectionInPlainWords.of(rejection, request));
    }

    /** Clears rejection variables of an earlier round once a step succeeds. */
    protected static void clearRejection(DelegateExecution execution) {
        execution.removeVariable(CALLBACK_REJECTION_CODE);
        execution.removeVariable(CALLBACK_REJECTION_MESSAGE);
        execution.removeVariable(CALLBACK_REJECTION_DETAIL);
    }
}
