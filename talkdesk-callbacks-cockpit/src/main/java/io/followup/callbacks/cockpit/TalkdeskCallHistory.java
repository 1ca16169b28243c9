package io.followup.callbacks.cockpit;

import io.followup.callbacks.process.SupportFollowUpProcess.Delegates;
import io.followup.callbacks.talkdesk.PhoneMask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;

/**
 * The Talkdesk calls a follow-up made, from what the engine already records: the finished steps that call Talkdesk
 * (history's activity instances; a step a BPMN error ended names the boundary event that caught it), and the steps
 * waiting or failing now (their jobs and incidents). A step is recognised by its delegate, so any model that uses the
 * plugin's delegates gets the same history. No secrets and no full numbers: messages are masked.
 */
final class TalkdeskCallHistory {

    private static final Map<String, String> OPERATIONS = Map.of(
            Delegates.FIND_ACTIVE, "list active callbacks",
            Delegates.SCHEDULE, "create callback",
            Delegates.UPDATE, "update callback",
            Delegates.CANCEL, "cancel callback",
            Delegates.CHECK_OUTCOME, "look up the outcome");

    private final ProcessEngine engine;

    TalkdeskCallHistory(ProcessEngine engine) {
        this.engine = engine;
    }

    /** One row per Talkdesk step, oldest first: time, operation, step name, status and a masked detail. */
    List<Map<String, Object>> of(FollowUpSnapshot followUp) {
        BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(followUp.definitionId());
        Map<String, ServiceTask> talkdeskSteps = new LinkedHashMap<>();
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            operation(task).ifPresent(operation -> talkdeskSteps.put(task.getId(), task));
        }
        List<HistoricActivityInstance> activities = engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(followUp.id()).list();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HistoricActivityInstance activity : activities) {
            ServiceTask task = talkdeskSteps.get(activity.getActivityId());
            if (task == null || activity.getEndTime() == null) {
                continue;
            }
            String status = activity.isCanceled() ? caughtBy(model, task, activity, activities)
                    .map(boundary -> "ended by a business error: " + boundary).orElse("cancelled")
                    : "done";
            rows.add(row(activity.getStartTime().toInstant(), task, status, null));
        }
        if (followUp.running()) {
            Map<String, String> activityOfJobDefinition = new LinkedHashMap<>();
            engine.getManagementService().createJobDefinitionQuery().processDefinitionId(followUp.definitionId())
                    .list().forEach(definition -> activityOfJobDefinition.put(definition.getId(),
                            definition.getActivityId()));
            for (Job job : engine.getManagementService().createJobQuery().processInstanceId(followUp.id()).list()) {
                ServiceTask task = talkdeskSteps.get(activityOfJobDefinition.get(job.getJobDefinitionId()));
                if (task != null) {
                    rows.add(current(followUp, job, task));
                }
            }
        }
        rows.sort(Comparator.comparing(row -> (String) row.get("time")));
        return rows;
    }

    private Map<String, Object> current(FollowUpSnapshot followUp, Job job, ServiceTask task) {
        Instant when = job.getCreateTime() == null ? Instant.now() : job.getCreateTime().toInstant();
        if (job.getExceptionMessage() == null) {
            return row(when, task, "waiting to run", null);
        }
        if (job.getRetries() > 0) {
            return row(when, task, "failed, retried automatically (" + job.getRetries() + " tries left)",
                    job.getExceptionMessage());
        }
        String incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(followUp.id())
                .configuration(job.getId()).list().stream().map(Incident::getIncidentMessage)
                .findFirst().orElse(job.getExceptionMessage());
        return row(when, task, "incident: retries used up, waiting for an operator", incident);
    }

    private static Optional<String> caughtBy(BpmnModelInstance model, ServiceTask task,
            HistoricActivityInstance ended, List<HistoricActivityInstance> activities) {
        List<String> boundaries = model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(boundary -> boundary.getAttachedTo() == task).map(BoundaryEvent::getId).toList();
        return activities.stream()
                .filter(activity -> boundaries.contains(activity.getActivityId()))
                .filter(activity -> !activity.getStartTime().before(ended.getStartTime())
                        && activity.getStartTime().getTime() <= ended.getEndTime().getTime() + 1_000)
                .map(activity -> activity.getActivityName() == null ? activity.getActivityId()
                        : activity.getActivityName())
                .findFirst();
    }

    private static Map<String, Object> row(Instant time, ServiceTask task, String status, String detail) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", time.toString());
        row.put("timeShown", TabTimes.utc(time));
        row.put("operation", operation(task).orElse(""));
        row.put("step", task.getName() == null ? task.getId() : task.getName());
        row.put("status", status);
        row.put("detail", detail == null ? null : PhoneMask.maskAll(detail));
        return row;
    }

    private static Optional<String> operation(ServiceTask task) {
        // read by namespace: the typed getter is renamed on Operaton
        String expression = task.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
        if (expression == null || !expression.startsWith("${") || !expression.endsWith("}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(OPERATIONS.get(expression.substring(2, expression.length() - 1).trim()));
    }
}
