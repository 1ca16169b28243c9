package io.followup.callbacks.web;

import io.followup.callbacks.process.SupportFollowUpProcess;
import io.followup.callbacks.process.SupportFollowUpProcess.Messages;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Starts a follow-up for a ticket unless one is already running for it. Starts for the same ticket are serialised
 * on this node, so concurrent duplicate posts see the first one's instance.
 */
@Component
public class FollowUpStarter {

    private final RuntimeService runtimeService;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public FollowUpStarter(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    /** The outcome of a start request. */
    public record Started(String processInstanceId, boolean created) {
    }

    /** Starts a follow-up for {@code ticketId} with {@code variables}, or returns the running one. */
    public Started start(String ticketId, Map<String, Object> variables) {
        ReentrantLock lock = locks.computeIfAbsent(ticketId, key -> new ReentrantLock());
        lock.lock();
        try {
            ProcessInstance running = runtimeService.createProcessInstanceQuery()
                    .processDefinitionKey(SupportFollowUpProcess.PROCESS_KEY).processInstanceBusinessKey(ticketId)
                    .listPage(0, 1).stream().findFirst().orElse(null);
            if (running != null) {
                return new Started(running.getId(), false);
            }
            ProcessInstance started = runtimeService.createMessageCorrelation(Messages.TICKET_RESOLVED)
                    .processInstanceBusinessKey(ticketId).setVariables(variables).correlateStartMessage();
            return new Started(started.getId(), true);
        } finally {
            lock.unlock();
            locks.remove(ticketId, lock);
        }
    }

    /** Asks the running follow-up of {@code ticketId} to cancel its callback; false when none waits for it. */
    public boolean requestCancellation(String ticketId) {
        long waiting = runtimeService.createExecutionQuery()
                .processDefinitionKey(SupportFollowUpProcess.PROCESS_KEY).processInstanceBusinessKey(ticketId)
                .messageEventSubscriptionName(Messages.CANCELLATION_REQUESTED).count();
        if (waiting == 0) {
            return false;
        }
        runtimeService.createMessageCorrelation(Messages.CANCELLATION_REQUESTED).processInstanceBusinessKey(ticketId)
                .correlateAll();
        return true;
    }
}
