package io.followup.callbacks.engine;

import io.followup.callbacks.cluster.FollowUpLock;
import io.followup.callbacks.process.SupportFollowUpProcess;
import io.followup.callbacks.process.SupportFollowUpProcess.Elements;
import io.followup.callbacks.process.SupportFollowUpProcess.Messages;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The commands a follow-up takes from outside its own jobs, for the webhook, the Cockpit tab and any host code: start
 * one per ticket, cancel, each in one engine transaction. A cancellation either acts now (the follow-up waits for its
 * callback: the message is correlated) or is recorded ({@code cancellationRequested}) where the model reads it: the
 * booking and the outcome check read the record afresh under the same {@link FollowUpLock}, so a cancellation that
 * meets a booking in flight is honoured once the booking ends; the review's decision reads it too. Where nothing
 * would read it (a supervisor is handling a missed callback) it is refused, never "recorded". Calls run with the
 * current engine authentication, so the engine checks the caller's authorizations.
 */
public final class FollowUpService {

    private final ProcessEngine engine;
    private final FollowUpLock lock;

    public FollowUpService(ProcessEngine engine, FollowUpLock lock) {
        this.engine = engine;
        this.lock = lock;
    }

    /** The outcome of a start request. */
    public record Started(String processInstanceId, boolean created) {
    }

    /** What became of a cancellation request. */
    public enum Cancellation {
        /** The follow-up waited for its callback and is cancelling it now (or was already cancelling it). */
        REQUESTED,
        /** The follow-up is booking, checking the outcome or in review: it cancels as soon as that step ends. */
        RECORDED,
        /** A supervisor handles a missed callback: nothing in the follow-up would act on a cancellation now. */
        WITH_SUPERVISOR,
        /** No such follow-up is running. */
        NOT_FOUND
    }

    /**
     * Starts a follow-up for {@code ticketId} (normalised, as the webhook validated it) by the start message, or
     * returns the running one: the engine's one-per-ticket guard ({@link OneFollowUpPerTicket}) decides, under the
     * ticket's lock.
     */
    public Started startOrFind(String ticketId, Map<String, Object> variables) {
        try {
            ProcessInstance started = runtime().createMessageCorrelation(Messages.TICKET_RESOLVED)
                    .processInstanceBusinessKey(ticketId).setVariables(variables).correlateStartMessage();
            return new Started(started.getId(), true);
        } catch (FollowUpAlreadyRunningException running) {
            return new Started(running.runningProcessInstanceId(), false);
        }
    }

    /** The running follow-up of {@code ticketId}, read without the caller's authorizations. */
    public Optional<String> runningFollowUpOf(String ticketId) {
        return WithoutCaller.run(engine.getIdentityService(), () -> runtime().createProcessInstanceQuery()
                .processDefinitionKey(SupportFollowUpProcess.PROCESS_KEY)
                .processInstanceBusinessKey(ticketId == null ? null : ticketId.strip()).listPage(0, 1).stream()
                .map(ProcessInstance::getId).findFirst());
    }

    /** {@link #requestCancellation(String)} for the running follow-up of {@code ticketId}. */
    public Cancellation requestCancellationOfTicket(String ticketId) {
        return runningFollowUpOf(ticketId).map(this::requestCancellation).orElse(Cancellation.NOT_FOUND);
    }

    /**
     * Asks follow-up {@code processInstanceId} to cancel its callback: decided and done in one transaction under the
     * follow-up's lock, after any booking of it that holds the lock has committed.
     */
    public Cancellation requestCancellation(String processInstanceId) {
        return inTransaction(() -> {
            lock.lockFollowUp(processInstanceId);
            boolean running = WithoutCaller.run(engine.getIdentityService(), () -> runtime()
                    .createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0);
            if (!running) {
                return Cancellation.NOT_FOUND;
            }
            if (waitsFor(processInstanceId, Messages.CANCELLATION_REQUESTED)) {
                runtime().createMessageCorrelation(Messages.CANCELLATION_REQUESTED)
                        .processInstanceId(processInstanceId).correlateWithResult();
                return Cancellation.REQUESTED;
            }
            List<String> at = WithoutCaller.run(engine.getIdentityService(),
                    () -> runtime().getActiveActivityIds(processInstanceId));
            if (at.contains(Elements.TASK_CANCEL)) {
                return Cancellation.REQUESTED;
            }
            if (at.contains(Elements.TASK_ESCALATE)) {
                return Cancellation.WITH_SUPERVISOR;
            }
            runtime().setVariable(processInstanceId, Variables.CANCELLATION_REQUESTED, true);
            return Cancellation.RECORDED;
        });
    }

    /** Whether the follow-up waits for {@code message} (read without the caller's authorizations). */
    public boolean waitsFor(String processInstanceId, String message) {
        return WithoutCaller.run(engine.getIdentityService(), () -> runtime().createExecutionQuery()
                .processInstanceId(processInstanceId).messageEventSubscriptionName(message).count() > 0);
    }

    private RuntimeService runtime() {
        return engine.getRuntimeService();
    }

    private <T> T inTransaction(Supplier<T> work) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(commandContext -> work.get());
    }
}
