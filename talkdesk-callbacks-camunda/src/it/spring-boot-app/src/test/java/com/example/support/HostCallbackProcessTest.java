package com.example.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The host's own process, booking callbacks through the library against a WireMock Talkdesk that speaks the
 * documented contract. The job executor is off: the test runs each job itself, as the job executor would, so every
 * step is deterministic.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class HostCallbackProcessTest {

    private static final String CALLBACKS = "/schedule-callbacks";
    private static final String TOKEN_PATH = "/oauth/token";
    private static final String CLIENT_ID = "host-app-client";
    private static final String CLIENT_SECRET = "host-app-secret";
    private static final String ACCESS_TOKEN = "host-token-1";
    private static final ZoneId CUSTOMER_ZONE = ZoneId.of("America/New_York");

    private static final WireMockServer talkdesk = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        talkdesk.start();
    }

    @DynamicPropertySource
    static void talkdeskProperties(DynamicPropertyRegistry registry) {
        registry.add("talkdesk.api.base-url", talkdesk::baseUrl);
        registry.add("talkdesk.auth.token-url", () -> talkdesk.baseUrl() + TOKEN_PATH);
        registry.add("talkdesk.auth.client-id", () -> CLIENT_ID);
        registry.add("talkdesk.auth.client-secret", () -> CLIENT_SECRET);
    }

    @AfterAll
    static void stopTalkdesk() {
        talkdesk.stop();
    }

    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private ManagementService managementService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private TaskService taskService;
    @Autowired
    private RepositoryService repositoryService;

    /** The customer's wish: 16:30 in New York, two days from now. */
    private String preferredTime;
    /** The same moment in UTC, as Talkdesk must receive it. */
    private String expectedUtcTime;

    @BeforeEach
    void resetTalkdesk() {
        talkdesk.resetAll();
        // the OAuth client-credentials endpoint answers only the configured client, as Talkdesk would
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        talkdesk.stubFor(post(TOKEN_PATH)
                .withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":600,\"scope\":\"schedule-callbacks:read schedule-callbacks:write\"}")));
        LocalDateTime local = LocalDateTime.of(LocalDate.now(CUSTOMER_ZONE).plusDays(2), LocalTime.of(16, 30));
        preferredTime = local.toString();
        expectedUtcTime = local.atZone(CUSTOMER_ZONE).toInstant().toString();
    }

    @Test
    void booksNewCallbackWithTheHostsVariablesMappedOntoTalkdesksFields() {
        String phone = "+12125550147";
        givenTheNumbersCallbacks(phone, callback("cb-done-17", phone, "SUCCESS", "2020-01-01T10:00:00Z",
                "called long ago"), callback("cb-dropped-18", phone, "CANCELED", "2030-01-01T10:00:00Z",
                "cancelled by the customer"));
        talkdesk.stubFor(post(CALLBACKS).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(callback("cb-new-4711", phone, "UNATTEMPTED", expectedUtcTime, "[ticket:CASE-1001]"))));

        ProcessInstance instance = startHostProcess("CASE-1001", "(212) 555-0147", "Wants to discuss the refund");
        runJobs(instance);

        HistoricProcessInstance done = finished(instance);
        assertThat(done.getEndActivityId()).isEqualTo("End_CallbackBooked");
        Map<String, Object> variables = historicVariables(instance);
        assertThat(variables).containsEntry("activeCallbackFound", false)
                .containsEntry("callbackId", "cb-new-4711")
                .containsEntry("talkdeskCallbackId", "cb-new-4711")
                .containsEntry("callbackStatus", "SCHEDULED")
                .containsEntry("confirmedCallbackTime", expectedUtcTime);

        // looked for a duplicate on the normalised number, each look one page of all its callbacks (the finished
        // ones ignored): the host's look task, then the booking task's own look in its job; then booked once with
        // the host's values
        talkdesk.verify(2, getRequestedFor(urlPathEqualTo(CALLBACKS)).withQueryParam("phone_number", equalTo(phone))
                .withQueryParam("status", absent()).withQueryParam("per_page", equalTo("500"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        talkdesk.verify(2, getRequestedFor(urlPathEqualTo(CALLBACKS)));
        talkdesk.verify(1, postRequestedFor(urlEqualTo(CALLBACKS))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.phone_number", equalTo(phone)))
                .withRequestBody(matchingJsonPath("$.scheduled_time_to_call", equalTo(expectedUtcTime)))
                .withRequestBody(matchingJsonPath("$.timezone", equalTo("America/New_York")))
                .withRequestBody(matchingJsonPath("$.assign_type", equalTo("SPECIFIC_RING_GROUP")))
                .withRequestBody(matchingJsonPath("$.ring_groups[0].ring_group", equalTo("support-tier-2")))
                .withRequestBody(matchingJsonPath("$.caller_id", equalTo("+14155550100")))
                .withRequestBody(matchingJsonPath("$.dialing_model", equalTo("PREVIEW")))
                .withRequestBody(matchingJsonPath("$.notes",
                        matching("\\[ticket:CASE-1001 #[0-9a-f]{8}\\] Wants to discuss the refund"))));
        talkdesk.verify(0, patchRequestedFor(urlPathMatching(CALLBACKS + "/.*")));
    }

    @Test
    void movesTheActiveCallbackOfTheNumberInsteadOfBookingAnother() {
        String phone = "+12125550111";
        givenTheNumbersCallbacks(phone, callback("cb-done-87", phone, "EXHAUSTED", "2020-01-01T10:00:00Z",
                "not reached"), callback("cb-active-88", phone, "UNATTEMPTED", "2030-01-01T10:00:00Z",
                "booked by a phone agent"));
        talkdesk.stubFor(patch(urlEqualTo(CALLBACKS + "/cb-active-88")).willReturn(okJson(
                callback("cb-active-88", phone, "UNATTEMPTED", expectedUtcTime, "[ticket:CASE-2002] Moved"))));

        ProcessInstance instance = startHostProcess("CASE-2002", "212-555-0111", "Moved by the host");
        runJobs(instance);

        assertThat(finished(instance).getEndActivityId()).isEqualTo("End_CallbackBooked");
        assertThat(historicVariables(instance)).containsEntry("activeCallbackFound", true)
                .containsEntry("talkdeskCallbackId", "cb-active-88")
                .containsEntry("callbackStatus", "UPDATED")
                .containsEntry("confirmedCallbackTime", expectedUtcTime);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("Task_BookCallback").count()).isZero();

        talkdesk.verify(1, patchRequestedFor(urlEqualTo(CALLBACKS + "/cb-active-88"))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withHeader("Content-Type", containing("application/json-patch+json"))
                .withRequestBody(matchingJsonPath(
                        "$[?(@.op == 'replace' && @.path == '/timeToCall' && @.value == '" + expectedUtcTime + "')]"))
                .withRequestBody(matchingJsonPath(
                        "$[?(@.op == 'replace' && @.path == '/phoneNumber' && @.value == '" + phone + "')]"))
                .withRequestBody(matchingJsonPath(
                        "$[?(@.op == 'replace' && @.path == '/timezone' && @.value == 'America/New_York')]")));
        talkdesk.verify(0, postRequestedFor(urlEqualTo(CALLBACKS)));
        talkdesk.verify(1, getRequestedFor(urlPathEqualTo(CALLBACKS))); // the one look: 2 calls with the patch
    }

    @Test
    void talkdesksRejectionTakesTheHostsManualPathWithTheRejectionRecorded() {
        String phone = "+16465550199";
        givenTheNumbersCallbacks(phone);
        talkdesk.stubFor(post(CALLBACKS).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"0422011\",\"message\":\"Caller ID is not owned by the account\","
                        + "\"description\":\"Unprocessable entity\","
                        + "\"fields\":[{\"name\":\"caller_id\",\"description\":\"not owned by the account\"}]}")));

        ProcessInstance instance = startHostProcess("CASE-3003", "(646) 555-0199", null);
        runJobs(instance);

        Task manual = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(manual).as("the instance waits in the host's manual task").isNotNull();
        assertThat(manual.getTaskDefinitionKey()).isEqualTo("Task_CallCustomerManually");
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("Event_BookingRejected").count()).isEqualTo(1);
        assertThat(runtimeService.getVariable(instance.getId(), "callbackRejectionCode"))
                .isEqualTo("CALLBACK_REJECTED");
        assertThat((String) runtimeService.getVariable(instance.getId(), "callbackRejectionMessage"))
                .isEqualTo("Caller ID +1 415-555-0100 is not a number your Talkdesk account owns");
        assertThat((String) runtimeService.getVariable(instance.getId(), "callbackRejectionDetail"))
                .contains("422").contains("Caller ID is not owned by the account");
        assertThat(runtimeService.getVariable(instance.getId(), "talkdeskCallbackId")).isNull();
        // a business rejection is not retried: one attempt, no incident, no job left behind
        talkdesk.verify(1, postRequestedFor(urlEqualTo(CALLBACKS)));
        assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();

        taskService.complete(manual.getId());
        assertThat(finished(instance).getEndActivityId()).isEqualTo("End_HandledManually");
    }

    @Test
    void onlyTheHostsOwnProcessIsDeployed() {
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("host-callback").count())
                .isEqualTo(1);
        // without talkdesk.deploy-model the library's own support-follow-up stays out of the host's engine
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("support-follow-up")
                .count()).isZero();
    }

    private ProcessInstance startHostProcess(String caseNumber, String customerPhone, String agentNote) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseNumber", caseNumber);
        variables.put("customerPhone", customerPhone);
        variables.put("customerCountry", "US");
        variables.put("preferredTime", preferredTime);
        variables.put("customerZone", CUSTOMER_ZONE.getId());
        variables.put("agentNote", agentNote);
        return runtimeService.startProcessInstanceByKey("host-callback", caseNumber, variables);
    }

    /** Runs the instance's due jobs one by one, as the job executor would, until it waits for something else. */
    private void runJobs(ProcessInstance instance) {
        for (int i = 0; i < 20; i++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId()).executable()
                    .list();
            if (due.isEmpty()) {
                return;
            }
            managementService.executeJob(due.get(0).getId());
        }
        throw new AssertionError("the instance still has due jobs after 20 runs; requests to Talkdesk: "
                + talkdesk.findAll(anyRequestedFor(anyUrl())).stream().map(LoggedRequest::getUrl).toList());
    }

    private HistoricProcessInstance finished(ProcessInstance instance) {
        HistoricProcessInstance historic = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult();
        assertThat(historic.getEndTime()).as("the process instance has ended").isNotNull();
        return historic;
    }

    /** The instance's own variables (not the tasks' local input mappings), as they were when it ended. */
    private Map<String, Object> historicVariables(ProcessInstance instance) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            if (instance.getId().equals(variable.getExecutionId())) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    /**
     * The callbacks Talkdesk holds for the number, listed as Talkdesk lists them: without a status filter all of
     * them on one page ({@code total_pages} 1), with one the callbacks in that status.
     */
    private static void givenTheNumbersCallbacks(String phone, String... callbacks) {
        talkdesk.stubFor(get(urlPathEqualTo(CALLBACKS)).withQueryParam("phone_number", equalTo(phone))
                .withQueryParam("status", absent()).withQueryParam("per_page", matching("[0-9]+"))
                .willReturn(hal(page(callbacks))));
        for (String status : List.of("UNATTEMPTED", "TO_BE_RETRIED", "SUCCESS", "EXHAUSTED", "CANCELED",
                "INVALID_NUMBER")) {
            talkdesk.stubFor(get(urlPathEqualTo(CALLBACKS)).withQueryParam("phone_number", equalTo(phone))
                    .withQueryParam("status", equalTo(status)).withQueryParam("per_page", matching("[0-9]+"))
                    .willReturn(hal(page(java.util.Arrays.stream(callbacks)
                            .filter(callback -> callback.contains("\"status\":\"" + status + "\""))
                            .toArray(String[]::new)))));
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder hal(String body) {
        return okForContentType("application/hal+json", body);
    }

    private static String callback(String id, String phone, String status, String time, String notes) {
        return "{\"callback_id\":\"" + id + "\",\"phone_number\":\"" + phone + "\",\"status\":\"" + status
                + "\",\"scheduled_time_to_call\":\"" + time + "\",\"timezone\":\"America/New_York\","
                + "\"caller_id\":\"+14155550100\",\"interaction_id\":null,\"notes\":\"" + notes + "\"}";
    }

    private static String page(String... callbacks) {
        return "{\"total\":" + callbacks.length + ",\"page\":1,\"per_page\":100,\"total_pages\":1,\"count\":"
                + callbacks.length + ",\"_links\":{\"self\":{\"href\":\"" + CALLBACKS + "?page=1\"}},"
                + "\"_embedded\":{\"callbacks\":[" + String.join(",", callbacks) + "]}}";
    }
}
