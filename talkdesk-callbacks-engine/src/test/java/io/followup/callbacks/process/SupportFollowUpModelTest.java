package io.followup.callbacks.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.cluster.ClusterLocks;
import io.followup.callbacks.delegate.CallbackDelegate;
import io.followup.callbacks.engine.CallbackComponents;
import io.followup.callbacks.settings.TalkdeskProperties;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;

/**
 * The shipped model against what its delegates declare: every BPMN error code a task's delegate can throw has an
 * error boundary event on that task, so no business outcome ends a follow-up silently or as an engine exception.
 */
class SupportFollowUpModelTest {

    private static final Map<String, Object> DELEGATES = CallbackComponents.delegates(new TalkdeskProperties(), null,
            null, ClusterLocks.NONE, Clock.systemUTC());

    private static BpmnModelInstance shippedModel() throws Exception {
        try (InputStream in = ShippedModel.open("support-follow-up.bpmn")) {
            return Bpmn.readModelFromStream(in);
        }
    }

    /**
     * Walks every path from a step that books (Schedule, Update) to every end event, through sequence flows and
     * error boundary events: each passes "Cancel callback", or its last decision proves the follow-up holds no live
     * callback (the outcome check found it called; a give-up with no booked callback; a supervisor's missed-callback
     * task after a final outcome, the still scheduled or unknown ones being cancelled).
     */
    @Test
    void shouldNeverEndAFollowUpWhileItHoldsALiveCallback() throws Exception {
        BpmnModelInstance model = shippedModel();
        Map<String, String> proofs = Map.of(
                "Flow_CustomerReached", "callbackOutcome == 'SUCCESS'",
                "Flow_GiveUp", "!(execution.getVariable('callbackId') != null",
                "Flow_MissedCallbackHandled", "default of Gateway_StillScheduled");
        SequenceFlow reached = model.getModelElementById("Flow_CustomerReached");
        assertThat(reached.getConditionExpression().getTextContent()).contains(proofs.get("Flow_CustomerReached"));
        SequenceFlow giveUp = model.getModelElementById("Flow_GiveUp");
        assertThat(giveUp.getConditionExpression().getTextContent()).contains(proofs.get("Flow_GiveUp"));
        ExclusiveGateway stillScheduled = model.getModelElementById(SupportFollowUpProcess.Elements
                .GATEWAY_STILL_SCHEDULED);
        assertThat(stillScheduled.getDefault().getId()).isEqualTo("Flow_MissedCallbackHandled");
        SequenceFlow cancelStale = model.getModelElementById("Flow_CancelStaleCallback");
        assertThat(cancelStale.getConditionExpression().getTextContent()).contains("'STILL_PENDING'")
                .contains("'CHECK_REFUSED'");
        assertThat(cancelStale.getTarget().getId()).isEqualTo("Gateway_CancelNow");

        java.util.List<String> unproven = new java.util.ArrayList<>();
        for (String booking : java.util.List.of(SupportFollowUpProcess.Elements.TASK_SCHEDULE,
                SupportFollowUpProcess.Elements.TASK_UPDATE)) {
            walk(model.getModelElementById(booking), new java.util.ArrayList<>(), proofs.keySet(), unproven);
        }
        assertThat(unproven).as("paths from a booking to an end event with a callback possibly still live")
                .isEmpty();
        assertThat(model.getModelElementsByType(EndEvent.class)).extracting(EndEvent::getId)
                .containsExactlyInAnyOrder(SupportFollowUpProcess.Elements.END_BOOKED,
                        SupportFollowUpProcess.Elements.END_REJECTED, SupportFollowUpProcess.Elements.END_CANCELLED,
                        SupportFollowUpProcess.Elements.END_ESCALATED);
    }

    private static void walk(FlowNode node, java.util.List<String> path, Set<String> proofs,
            java.util.List<String> unproven) {
        if (path.contains(node.getId())) {
            return;
        }
        path.add(node.getId());
        boolean released = path.contains(SupportFollowUpProcess.Elements.TASK_CANCEL)
                || path.stream().anyMatch(proofs::contains);
        if (node instanceof EndEvent && !released) {
            unproven.add(String.join(" > ", path));
        }
        if (!released) {
            for (SequenceFlow flow : node.getOutgoing()) {
                path.add(flow.getId());
                walk(flow.getTarget(), path, proofs, unproven);
                path.remove(path.size() - 1);
            }
            if (node instanceof org.camunda.bpm.model.bpmn.instance.Activity) {
                for (BoundaryEvent boundary : node.getModelInstance().getModelElementsByType(BoundaryEvent.class)) {
                    if (boundary.getAttachedTo().equals(node)) {
                        walk(boundary, path, proofs, unproven);
                    }
                }
            }
        }
        path.remove(path.size() - 1);
    }

    @Test
    void shouldCatchEveryErrorCodeEachServiceTaskCanThrow() throws Exception {
        BpmnModelInstance model = shippedModel();
        Set<ServiceTask> tasks = Set.copyOf(model.getModelElementsByType(ServiceTask.class));
        assertThat(tasks).hasSize(7);
        for (ServiceTask task : tasks) {
            String expression = task.getCamundaDelegateExpression();
            Object delegate = DELEGATES.get(expression.substring(2, expression.length() - 1));
            assertThat(delegate).as("the delegate of %s", task.getId()).isInstanceOf(CallbackDelegate.class);
            Set<String> caught = model.getModelElementsByType(BoundaryEvent.class).stream()
                    .filter(boundary -> boundary.getAttachedTo().equals(task))
                    .flatMap(boundary -> boundary.getEventDefinitions().stream())
                    .filter(ErrorEventDefinition.class::isInstance)
                    .map(definition -> ((ErrorEventDefinition) definition).getError().getErrorCode())
                    .collect(Collectors.toSet());
            assertThat(caught).as("error codes caught on %s", task.getId())
                    .containsAll(((CallbackDelegate) delegate).errorCodes());
        }
    }

    /** The element ids are API (hosts and operators find steps by them): each one names an element of the model. */
    @Test
    void shouldNameAnElementOfTheShippedModelWithEveryElementConstant() throws Exception {
        BpmnModelInstance model = shippedModel();
        java.util.List<String> missing = new java.util.ArrayList<>();
        for (java.lang.reflect.Field field : SupportFollowUpProcess.Elements.class.getFields()) {
            String id = (String) field.get(null);
            if (model.getModelElementById(id) == null) {
                missing.add(field.getName() + " = " + id);
            }
        }
        org.assertj.core.api.Assertions.assertThat(missing).as("Elements constants without an element").isEmpty();
    }
}
