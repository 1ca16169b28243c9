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
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;

/**
 * The shipped model against what its delegates declare: every BPMN error code a task's delegate can throw has an
 * error boundary event on that task, so no business outcome ends a follow-up silently or as an engine exception.
 */
class SupportFollowUpModelTest {

    private static final Map<String, Object> DELEGATES = CallbackComponents.delegates(new TalkdeskProperties(), null,
            null, ClusterLocks.NONE, Clock.systemUTC());

    @Test
    void shouldCatchEveryErrorCodeEachServiceTaskCanThrow() throws Exception {
        BpmnModelInstance model;
        try (InputStream in = ShippedModel.open("support-follow-up.bpmn")) {
            model = Bpmn.readModelFromStream(in);
        }
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
}
