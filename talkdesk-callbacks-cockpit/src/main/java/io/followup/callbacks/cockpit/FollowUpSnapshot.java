package io.followup.callbacks.cockpit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A process instance as the tab reads it: running (its variables now) or ended (its variables as history kept them).
 */
record FollowUpSnapshot(String id, String businessKey, String definitionId, String definitionKey, String tenantId,
        boolean running, String endState, Map<String, Object> variables) {

    static Optional<FollowUpSnapshot> read(ProcessEngine engine, String processInstanceId) {
        ProcessInstance running = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (running != null) {
            String key = engine.getRepositoryService().getProcessDefinition(running.getProcessDefinitionId())
                    .getKey();
            return Optional.of(new FollowUpSnapshot(running.getId(), running.getBusinessKey(),
                    running.getProcessDefinitionId(), key, running.getTenantId(), true, null,
                    engine.getRuntimeService().getVariables(running.getId())));
        }
        HistoryService history = engine.getHistoryService();
        HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (ended == null) {
            return Optional.empty();
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).list()) {
            if (variable.getValue() != null && processInstanceId.equals(variable.getActivityInstanceId())) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return Optional.of(new FollowUpSnapshot(ended.getId(), ended.getBusinessKey(),
                ended.getProcessDefinitionId(), ended.getProcessDefinitionKey(), ended.getTenantId(), false,
                ended.getState(), variables));
    }

    /** A variable as text, or null. */
    String text(String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }
}
