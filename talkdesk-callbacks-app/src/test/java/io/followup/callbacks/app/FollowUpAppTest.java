package io.followup.callbacks.app;

import static io.followup.callbacks.app.AppTestSupport.await;
import static io.followup.callbacks.app.AppTestSupport.followUp;
import static io.followup.callbacks.app.AppTestSupport.postJson;
import static io.followup.callbacks.app.AppTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.followup.callbacks.process.SupportFollowUpProcess;
import io.followup.callbacks.process.SupportFollowUpProcess.Elements;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import io.followup.callbacks.sandbox.SandboxProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The runnable app end to end over HTTP: webhook, authentication, the process booking through the real client into
 * the in-process sandbox, cancellation, and the post-call check.
 */
@ExtendWith(OutputCaptureExtension.class)
@RunningApp
class FollowUpAppTest {

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    HistoryService historyService;

    @Autowired
    ManagementService managementService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    TaskService taskService;

    @Autowired
    SandboxProperties sandbox;

    @Autowired
    IdentityService identityService;

    @Autowired
    AuthorizationService authorizationService;

    private String base() {
        return "http://localhost:" + port;
    }

    private Object variable(String instanceId, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId).variableName(name)
                .list().stream().findFirst().map(v -> v.getValue()).orElse(null);
    }

    private String startAndAwaitBooking(String ticketId, String phone) {
        AppTestSupport.Answer started = postJson(base() + "/api/follow-ups", followUp(ticketId, phone, null));
        assertThat(started.status()).isEqualTo(202);
        String instanceId = started.json().get("processInstanceId").asText();
        await("the callback of " + ticketId + " to be booked", () -> variable(instanceId, Variables.CALLBACK_ID) != null
                && runtimeService.createExecutionQuery().processInstanceId(instanceId)
                        .activityId(Elements.GATEWAY_AWAIT_CALLBACK).count() > 0);
        return instanceId;
    }

    private JsonNode sandboxCallback(String callbackId) {
        for (JsonNode callback : sandboxCallbacks()) {
            if (callback.get("callback_id").asText().equals(callbackId)) {
                return callback;
            }
        }
        throw new AssertionError("the sandbox has no callback " + callbackId);
    }

    private List<JsonNode> callbacksFor(String phone) {
        List<JsonNode> matching = new ArrayList<>();
        sandboxCallbacks().forEach(c -> {
            if (c.get("phone_number").asText().equals(phone)) {
                matching.add(c);
            }
        });
        return matching;
    }

    private JsonNode sandboxCallbacks() {
        return send("GET", base() + "/talkdesk-sandbox/admin/callbacks", null, null, true).json();
    }

    @Test
    void shouldHonourACancellationThatArrivedDuringTheReviewWhenTheReviewEnds() {
        String instanceId = postJson(base() + "/api/follow-ups", followUp("T-APP-CANCEL", "+351912000016",
                "\"callerId\":\"+351219999999\"")).json().get("processInstanceId").asText();
        await("the review task", () -> runtimeService.createExecutionQuery().processInstanceId(instanceId)
                .activityId(Elements.TASK_REVIEW).count() > 0);

        AppTestSupport.Answer cancelled = postJson(base() + "/api/follow-ups/T-APP-CANCEL/cancellation", null);
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.json().get("message").asText()).startsWith("cancellation recorded");
        taskService.complete(taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId(),
                Map.of(Variables.CALLER_ID, "+14155550100", Variables.REVIEW_GIVE_UP, false));

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isZero();
        assertThat(variable(instanceId, Variables.CALLBACK_STATUS)).isEqualTo(Status.CANCELLED);
        assertThat(variable(instanceId, Variables.CALLBACK_ID)).as("nothing booked").isNull();
    }

    @Test
    void shouldRefuseASecondFollowUpForATicketEvenToAStarterWhoCannotSeeTheFirst() {
        String instanceId = startAndAwaitBooking("T-UNSEEN", "+351912345602");
        String starter = "starter-" + UUID.randomUUID(); // may start follow-ups, may not read them
        List<String> grants = List.of(
                grant(starter, Resources.PROCESS_DEFINITION, SupportFollowUpProcess.PROCESS_KEY,
                        ProcessDefinitionPermissions.CREATE_INSTANCE),
                grant(starter, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE));
        identityService.setAuthentication(starter, List.of());
        try {
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count())
                    .as("the starter cannot see the running follow-up").isZero();
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SupportFollowUpProcess.PROCESS_KEY,
                    "T-UNSEEN", Map.of(Variables.TICKET_ID, "T-UNSEEN")))
                    .hasMessageContaining("TDCB-P011 ticket T-UNSEEN already has a running follow-up");
        } finally {
            identityService.clearAuthentication();
            grants.forEach(authorizationService::deleteAuthorization);
        }
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("T-UNSEEN").count()).isOne();
    }

    private String grant(String userId, Resources resource, String resourceId, Permission permission) {
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setUserId(userId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(permission);
        return authorizationService.saveAuthorization(authorization).getId();
    }

    @Test
    void shouldRefuseASecondFollowUpForATicketWhateverStartsIt() {
        String instanceId = startAndAwaitBooking("T-ONCE", "+351912345601");
        String message = "{\"messageName\":\"SupportTicketResolved\",\"businessKey\":\"T-ONCE\","
                + "\"processVariables\":{\"ticketId\":{\"value\":\"T-ONCE\",\"type\":\"String\"}}}";

        AppTestSupport.Answer rest = send("POST", base() + "/engine-rest/message", "application/json", message, true);
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SupportFollowUpProcess.PROCESS_KEY,
                Map.of(Variables.TICKET_ID, "T-ONCE")))
                .hasMessageContaining("TDCB-P011 ticket T-ONCE already has a running follow-up");

        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.body()).contains("already has a running follow-up")
                .as("the running follow-up's id is not told to a starter who may not read it").doesNotContain(instanceId);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("T-ONCE").count()).isOne();
    }

    @Test
    void shouldFailVisiblyNotEndSilentlyWhenAnAnalystsOwnModelDoesNotCatchABpmnError() {
        repositoryService.createDeployment().addModelInstance("analyst-own.bpmn", Bpmn.createExecutableProcess(
                "analyst-own").camundaHistoryTimeToLive(1).startEvent().serviceTask("Task_Validate")
                .camundaDelegateExpression("${validateCallbackRequest}").endEvent().done()).deploy();

        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("analyst-own", "T-UNCAUGHT",
                Map.of(Variables.PHONE_NUMBER, "12"))).hasMessageContaining("INVALID_CALLBACK_REQUEST");
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("analyst-own").count())
                .as("no follow-up ended silently on the uncaught error").isZero();
    }

    @Test
    void shouldRefuseAnonymousCalls() {
        assertThat(send("POST", base() + "/api/follow-ups", "application/json", "{}", false).status()).isEqualTo(401);
        assertThat(send("GET", base() + "/engine-rest/process-definition", null, null, false).status())
                .isEqualTo(401);
        assertThat(send("GET", base() + "/talkdesk-sandbox/admin/callbacks", null, null, false).status())
                .isEqualTo(401);
        assertThat(send("GET", base() + "/engine-rest/process-definition", null, null, true).status())
                .isEqualTo(200);
    }

    @Test
    void shouldNameEveryBadFieldAndStartNothing() {
        long before = runtimeService.createProcessInstanceQuery().count();

        AppTestSupport.Answer answer = postJson(base() + "/api/follow-ups",
                "{\"ticketId\":\"T-BAD\",\"phoneNumber\":\"12\",\"callbackTime\":\"soon\",\"timezone\":\"Mars/X\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("phoneNumber", "callbackTime", "timezone");
        assertThat(answer.body()).doesNotContain("\"12\"");
        assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void shouldAnswer400ForMalformedJson() {
        assertThat(postJson(base() + "/api/follow-ups", "{not json").status()).isEqualTo(400);
    }

    @Test
    void shouldShowAnonymousCallersOnlyTheHealthStatusAndTheDetailsToAuthenticatedOnes() {
        AppTestSupport.Answer anonymous = send("GET", base() + "/actuator/health", null, null, false);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().fieldNames()).toIterable().contains("status")
                .doesNotContain("components", "details");
        assertThat(send("GET", base() + "/actuator/health/detail", null, null, false).status()).isEqualTo(401);
        assertThat(send("GET", base() + "/actuator/prometheus", null, null, false).status()).isEqualTo(401);
        assertThat(send("GET", base() + "/actuator/health/db", null, null, false).status()).isNotEqualTo(200);

        AppTestSupport.Answer health = send("GET", base() + "/actuator/health/detail", null, null, true);
        assertThat(health.status()).isEqualTo(200);
        JsonNode talkdesk = health.json().get("components").get("talkdesk");
        assertThat(talkdesk.get("status").asText()).isEqualTo("UP");
        assertThat(talkdesk.get("details").get("target").asText()).isEqualTo("sandbox");
        assertThat(talkdesk.get("details").get("credentials").asText()).isEqualTo("accepted");
        assertThat(health.body()).doesNotContain(sandbox.getClientSecret());
        assertThat(send("GET", base() + "/actuator/prometheus", null, null, true).status()).isEqualTo(200);
    }

    @Test
    void shouldNotLetAModelReachBeansBeyondThePluginsOwn() {
        for (String expression : List.of("${environment.getProperty('talkdesk.auth.client-secret')}",
                "${talkdeskConnection.clientSecret()}")) {
            String key = "reads-beans-" + Math.abs(expression.hashCode());
            repositoryService.createDeployment().addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key)
                    .camundaHistoryTimeToLive(1).startEvent().serviceTask().camundaExpression(expression).endEvent()
                    .done()).deploy();
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key)).as(expression)
                    .hasMessageContaining("Cannot resolve identifier");
        }
    }

    @Test
    void shouldRefuseACancellationWithoutAJsonContentTypeSoNoCrossSiteFormCanSendIt() {
        assertThat(send("POST", base() + "/api/follow-ups/T-ANY/cancellation", "text/plain", "", true).status())
                .isEqualTo(415);
        assertThat(send("POST", base() + "/api/follow-ups/T-ANY/cancellation",
                "application/x-www-form-urlencoded", "", true).status()).isEqualTo(415);
    }

    @Test
    void shouldBookCallbackInSandboxThroughRealClient(CapturedOutput output) {
        String instanceId = startAndAwaitBooking("T-APP-1", "+351912000001");

        assertThat(output.getAll()).contains("+35191*****01").doesNotContain("351912000001")
                .doesNotContain(sandbox.getClientSecret());

        assertThat(variable(instanceId, Variables.CALLBACK_STATUS)).isEqualTo(Status.SCHEDULED);
        assertThat(callbacksFor("+351912000001")).hasSize(1);
        JsonNode callback = sandboxCallback((String) variable(instanceId, Variables.CALLBACK_ID));
        assertThat(callback.get("notes").asText()).startsWith("[ticket:T-APP-1 #");
        assertThat(callback.get("ring_groups").get(0).get("ring_group").asText()).isEqualTo("support-tier-1");
    }

    @Test
    void shouldUpdateTheActiveCallbackWhenAnotherTicketAsksForTheSameNumber() {
        startAndAwaitBooking("T-APP-2", "+351912000002");

        String second = startAndAwaitBooking("T-APP-3", "+351912000002");

        assertThat(variable(second, Variables.CALLBACK_STATUS)).isEqualTo(Status.UPDATED);
        assertThat(callbacksFor("+351912000002")).hasSize(1);
    }

    @Test
    void shouldReturnRunningFollowUpForRepeatedTicketEvenUnderConcurrentPosts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<AppTestSupport.Answer>> posts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                posts.add(() -> postJson(base() + "/api/follow-ups", followUp("T-APP-DUP", "+351912000003", null)));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<AppTestSupport.Answer> answer : pool.invokeAll(posts)) {
                statuses.add(answer.get().status());
                ids.add(answer.get().json().get("processInstanceId").asText());
            }
            assertThat(statuses).containsOnlyOnce(202).containsOnly(202, 200);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("T-APP-DUP").count())
                .isOne();
    }

    @Test
    void shouldCancelTheBookedCallbackOnRequest() {
        String instanceId = startAndAwaitBooking("T-APP-4", "+351912000004");

        AppTestSupport.Answer answer = postJson(base() + "/api/follow-ups/T-APP-4/cancellation", null);

        assertThat(answer.status()).isEqualTo(202);
        await("the follow-up to end", () -> runtimeService.createProcessInstanceQuery().processInstanceId(instanceId)
                .count() == 0);
        assertThat(variable(instanceId, Variables.CALLBACK_STATUS)).isEqualTo(Status.CANCELLED);
        assertThat(sandboxCallback((String) variable(instanceId, Variables.CALLBACK_ID)).get("status").asText())
                .isEqualTo("CANCELED");
        assertThat(postJson(base() + "/api/follow-ups/T-APP-4/cancellation", null).status()).isEqualTo(404);
    }

    @Test
    void shouldAskSupervisorWhenTheSandboxSaysTheCallbackWasExhausted() {
        String instanceId = startAndAwaitBooking("T-APP-5", "+351912000005");
        String callbackId = (String) variable(instanceId, Variables.CALLBACK_ID);
        assertThat(postJson(base() + "/talkdesk-sandbox/admin/callbacks/" + callbackId + "/status",
                "{\"status\":\"EXHAUSTED\"}").status()).isEqualTo(200);

        Job timer = managementService.createJobQuery().processInstanceId(instanceId).timers().singleResult();
        managementService.executeJob(timer.getId());

        await("the supervisor task", () -> runtimeService.createExecutionQuery().processInstanceId(instanceId)
                .activityId(Elements.TASK_ESCALATE).count() > 0);
        assertThat(variable(instanceId, Variables.CALLBACK_OUTCOME)).isEqualTo("EXHAUSTED");
    }

    @Test
    void shouldSendRejectedRequestToReviewWithTalkdesksReasons() {
        AppTestSupport.Answer started = postJson(base() + "/api/follow-ups",
                followUp("T-APP-6", "+351912000006", "\"callerId\":\"+351219999999\""));
        String instanceId = started.json().get("processInstanceId").asText();

        await("the review task", () -> runtimeService.createExecutionQuery().processInstanceId(instanceId)
                .activityId(Elements.TASK_REVIEW).count() > 0);
        Map<String, Object> variables = runtimeService.getVariables(instanceId);
        assertThat(variables).containsEntry(Variables.CALLBACK_REJECTION_CODE,
                SupportFollowUpProcess.Errors.CALLBACK_REJECTED);
        assertThat((String) variables.get(Variables.CALLBACK_REJECTION_MESSAGE))
                .isEqualTo("Caller ID +351 21 999 9999 is not a number your Talkdesk account owns");
        assertThat((String) variables.get(Variables.CALLBACK_REJECTION_DETAIL))
                .contains("caller_id: is not a number owned by the account").contains("HTTP 422");
    }

    @Test
    void shouldPublishCallbackAndApiMetricsForPrometheus() {
        startAndAwaitBooking("T-APP-METRICS", "+351917770001");

        String scrape = send("GET", base() + "/actuator/prometheus", null, null, true).body();
        assertThat(scrape).contains("talkdesk_callbacks_scheduled_total")
                .containsPattern("talkdesk_api_requests_seconds_count\\{[^}]*operation=\"create\"[^}]*status=\"201\"")
                .containsPattern("talkdesk_api_requests_seconds_count\\{[^}]*operation=\"list\"")
                .contains("talkdesk_api_rate_limit_waits_seconds_count")
                .doesNotContain("+351917770001");
    }
}
