package io.followup.callbacks.engine;

import io.followup.callbacks.cluster.TicketLock;
import io.followup.callbacks.process.SupportFollowUpProcess;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import io.followup.callbacks.request.CallbackRequestFactory;
import java.util.function.Supplier;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A second running {@code support-follow-up} for a ticket is refused whatever starts it: the webhook, a message
 * correlated through the engine REST API ({@code 400} there), a Tasklist start form or Java code. At the start of
 * each instance it takes the ticket's lock (held to the end of the starting transaction, so concurrent starts on any
 * node see each other) and looks for a running follow-up with the ticket as business key, whether or not the starting
 * user may read it.
 */
public class OneFollowUpPerTicket extends AbstractBpmnParseListener implements ExecutionListener {

    private final Supplier<TicketLock> lock;

    public OneFollowUpPerTicket(Supplier<TicketLock> lock) {
        this.lock = lock;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (SupportFollowUpProcess.PROCESS_KEY.equals(processDefinition.getKey())) {
            processDefinition.addListener(ExecutionListener.EVENTNAME_START, this);
        }
    }

    @Override
    public void notify(DelegateExecution execution) {
        String ticket = execution.getProcessBusinessKey();
        if (ticket == null && execution.getVariable(Variables.TICKET_ID) != null) {
            ticket = execution.getVariable(Variables.TICKET_ID).toString().strip();
        }
        if (ticket == null || ticket.isEmpty() || !execution.getId().equals(execution.getProcessInstanceId())) {
            return;
        }
        if (ticket.length() > CallbackRequestFactory.MAX_TICKET_ID) {
            throw new BadUserRequestException("TDCB-P010 ticketId is " + ticket.length() + " characters long; at "
                    + "most " + CallbackRequestFactory.MAX_TICKET_ID + " are accepted (it is the follow-up's business "
                    + "key)");
        }
        lock.get().lockTicket(ticket);
        // every running follow-up counts, also those the starting user may not read (authorizations filter queries)
        String businessKey = ticket;
        String running = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
                .getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(SupportFollowUpProcess.PROCESS_KEY).processInstanceBusinessKey(businessKey)
                .listPage(0, 1).stream().map(instance -> instance.getId()).findFirst().orElse(null));
        if (running != null) {
            throw new BadUserRequestException("TDCB-P011 ticket " + ticket + " already has a running follow-up "
                    + "(process instance " + running + "): a ticket gets one follow-up at a time");
        }
    }
}
