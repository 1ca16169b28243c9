package io.followup.callbacks.engine;

import io.followup.callbacks.cluster.TicketLock;
import io.followup.callbacks.delegate.NativeCount;
import io.followup.callbacks.process.SupportFollowUpProcess;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import io.followup.callbacks.request.CallbackRequestFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;

/**
 * The one guard of "one follow-up per ticket": a second running {@code support-follow-up} for a ticket is refused
 * whatever starts it: the webhook, a message correlated through the engine REST API ({@code 400} there), a Tasklist
 * start form or Java code ({@link FollowUpAlreadyRunningException}). The ticket is {@code ticketId} or the business
 * key, without surrounding blanks; the business key becomes that ticket id, and a start whose business key names
 * another ticket than {@code ticketId} is refused. At the start of each instance it takes the ticket's lock (held to
 * the end of the starting transaction, so concurrent starts on any node see each other) and looks for a running
 * follow-up with the ticket as business key, whether or not the starting user may read it.
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
        if (!execution.getId().equals(execution.getProcessInstanceId())) {
            return;
        }
        String ticket = ticket(execution);
        if (ticket == null) {
            return;
        }
        if (!ticket.equals(execution.getProcessBusinessKey())) {
            execution.setProcessBusinessKey(ticket); // " T-1" and an absent key both become the ticket id
        }
        lock.get().lockTicket(ticket);
        if (runningFollowUps(execution, ticket) > 0) {
            throw new FollowUpAlreadyRunningException(ticket, firstRunning(execution, ticket));
        }
    }

    /**
     * How many other follow-ups of {@code ticket} run, in the starting instance's tenant: one count on the business
     * key's index. Every running follow-up counts, also those the starting user may not read (a native query is not
     * filtered by authorizations). A count rather than a {@code ProcessInstanceQuery}: building that query's SQL took
     * about 40 % of a start's CPU (docs/performance.md, tuning log).
     */
    private static long runningFollowUps(DelegateExecution execution, String ticket) {
        String tenant = execution.getTenantId();
        Map<String, Object> parameters = new HashMap<>(Map.of("ticket", ticket, "self",
                execution.getProcessInstanceId(), "key", SupportFollowUpProcess.PROCESS_KEY));
        if (tenant != null) {
            parameters.put("tenant", tenant);
        }
        return NativeCount.of(execution, "SELECT COUNT(*) FROM " + NativeCount.table("ACT_RU_EXECUTION")
                + " E INNER JOIN " + NativeCount.table("ACT_RE_PROCDEF") + " D ON D.ID_ = E.PROC_DEF_ID_ WHERE "
                + "E.BUSINESS_KEY_ = #{ticket} AND E.ID_ = E.PROC_INST_ID_ AND E.ID_ <> #{self} AND D.KEY_ = #{key} AND "
                + (tenant == null ? "E.TENANT_ID_ IS NULL" : "E.TENANT_ID_ = #{tenant}"), parameters);
    }

    /** The id of a running follow-up of {@code ticket}, for the refusal's message (only when there is one). */
    private static String firstRunning(DelegateExecution execution, String ticket) {
        ProcessInstanceQuery query = execution.getProcessEngineServices().getRuntimeService()
                .createProcessInstanceQuery().processDefinitionKey(SupportFollowUpProcess.PROCESS_KEY)
                .processInstanceBusinessKey(ticket);
        ProcessInstanceQuery inTenant = execution.getTenantId() == null ? query.withoutTenantId()
                : query.tenantIdIn(execution.getTenantId());
        return Context.getCommandContext().runWithoutAuthorization(() -> inTenant.listPage(0, 2).stream()
                .map(instance -> instance.getId()).filter(id -> !id.equals(execution.getProcessInstanceId()))
                .findFirst().orElse("?"));
    }

    /**
     * The follow-up's ticket, normalised: {@code ticketId} and the business key without surrounding blanks. A start
     * whose business key and {@code ticketId} name different tickets is refused: the business key of a follow-up is
     * its ticket id, which is how the guard, the webhook and the messages find it.
     */
    private static String ticket(DelegateExecution execution) {
        String key = stripped(execution.getProcessBusinessKey());
        Object variable = execution.getVariable(Variables.TICKET_ID);
        String ticketId = variable == null ? null : stripped(variable.toString());
        if (key != null && ticketId != null && !key.equals(ticketId)) {
            throw new BadUserRequestException("TDCB-P012 the business key '" + key + "' and ticketId '" + ticketId
                    + "' name different tickets: a follow-up's business key is its ticket id; start it with "
                    + "businessKey " + ticketId + ", or without a business key");
        }
        String ticket = key != null ? key : ticketId;
        if (ticket != null && ticket.length() > CallbackRequestFactory.MAX_TICKET_ID) {
            throw new BadUserRequestException("TDCB-P010 ticketId is " + ticket.length() + " characters long; at "
                    + "most " + CallbackRequestFactory.MAX_TICKET_ID + " are accepted (it is the follow-up's business "
                    + "key)");
        }
        return ticket;
    }

    private static String stripped(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
