package io.followup.callbacks.web;

import io.followup.callbacks.cluster.TicketLock;
import io.followup.callbacks.process.SupportFollowUpProcess;
import io.followup.callbacks.process.SupportFollowUpProcess.Messages;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a follow-up for a ticket unless one is already running for it. Starts for the same ticket are serialised
 * across nodes by the ticket's {@link TicketLock} in the engine's database, held in one transaction with the check
 * and the start (the engine joins it), so concurrent duplicate posts to any node see the first one's instance.
 */
@Component
public class FollowUpStarter {

    private final RuntimeService runtimeService;
    private final TicketLock ticketLock;
    private final TransactionTemplate transaction;
    /** Serialises starts per ticket on this node too, so duplicates stay out even with the database locks off. */
    private final ReentrantLock[] stripes = IntStream.range(0, 64).mapToObj(i -> new ReentrantLock())
            .toArray(ReentrantLock[]::new);

    public FollowUpStarter(RuntimeService runtimeService, TicketLock ticketLock,
            PlatformTransactionManager transactionManager) {
        this.runtimeService = runtimeService;
        this.ticketLock = ticketLock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** The outcome of a start request. */
    public record Started(String processInstanceId, boolean created) {
    }

    /** Starts a follow-up for {@code ticketId} with {@code variables}, or returns the running one. */
    public Started start(String ticketId, Map<String, Object> variables) {
        ReentrantLock stripe = stripes[Math.floorMod(ticketId.hashCode(), stripes.length)];
        stripe.lock();
        try {
            return startAlone(ticketId, variables);
        } finally {
            stripe.unlock();
        }
    }

    private Started startAlone(String ticketId, Map<String, Object> variables) {
        return transaction.execute(status -> {
            ticketLock.lockTicket(ticketId);
            ProcessInstance running = runtimeService.createProcessInstanceQuery()
                    .processDefinitionKey(SupportFollowUpProcess.PROCESS_KEY).processInstanceBusinessKey(ticketId)
                    .listPage(0, 1).stream().findFirst().orElse(null);
            if (running != null) {
                return new Started(running.getId(), false);
            }
            ProcessInstance started = runtimeService.createMessageCorrelation(Messages.TICKET_RESOLVED)
                    .processInstanceBusinessKey(ticketId).setVariables(variables).correlateStartMessage();
            return new Started(started.getId(), true);
        });
    }

    /** What became of a cancellation request. */
    public enum Cancellation {
        /** The follow-up waited for its callback and is cancelling it now. */
        REQUESTED,
        /** The follow-up is booking or in review: the cancellation is honoured once it can act. */
        RECORDED,
        /** No follow-up of the ticket is running. */
        NOT_FOUND
    }

    /**
     * Asks the running follow-up of {@code ticketId} to cancel its callback: at once when it waits for the callback,
     * else recorded ({@code cancellationRequested}) and honoured when the booking or the review ends.
     */
    public Cancellation requestCancellation(String ticketId) {
        long waiting = runtimeService.createExecutionQuery()
                .processDefinitionKey(SupportFollowUpProcess.PROCESS_KEY).processInstanceBusinessKey(ticketId)
                .messageEventSubscriptionName(Messages.CANCELLATION_REQUESTED).count();
        if (waiting > 0) {
            runtimeService.createMessageCorrelation(Messages.CANCELLATION_REQUESTED)
                    .processInstanceBusinessKey(ticketId).correlateAll();
            return Cancellation.REQUESTED;
        }
        ProcessInstance running = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(SupportFollowUpProcess.PROCESS_KEY).processInstanceBusinessKey(ticketId)
                .listPage(0, 1).stream().findFirst().orElse(null);
        if (running == null) {
            return Cancellation.NOT_FOUND;
        }
        runtimeService.setVariable(running.getId(), Variables.CANCELLATION_REQUESTED, true);
        return Cancellation.RECORDED;
    }
}
