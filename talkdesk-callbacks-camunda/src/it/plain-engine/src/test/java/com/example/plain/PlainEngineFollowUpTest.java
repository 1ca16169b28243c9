package com.example.plain;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped support-follow-up process on a plain engine built from camunda.cfg.xml, booking against a WireMock
 * Talkdesk that speaks the documented contract. No job executor: the test runs the due jobs itself and moves the
 * engine clock past the post-call check timer.
 */
class PlainEngineFollowUpTest {

    private static final String CALLBACKS = "/schedule-callbacks";
    private static final String TOKEN_PATH = "/oauth/token";
    private static final String ACCESS_TOKEN = "plain-token-1";
    private static final String TICKET = "TCK-7001";
    private static final String PHONE_E164 = "+5511912345678";
    private static final ZoneId CUSTOMER_ZONE = ZoneId.of("America/Sao_Paulo");
    /** callbacksCheckGracePeriod in camunda.cfg.xml. */
    private static final Duration GRACE = Duration.ofMinutes(30);

    private static WireMockServer talkdesk;
    private static ProcessEngine engine;

    @BeforeAll
    static void startTalkdeskAndEngine() {
        talkdesk = new WireMockServer(wireMockConfig().dynamicPort());
        talkdesk.start();
        // read by camunda.cfg.xml: the port is only known now, before the engine is built
        System.setProperty("talkdesk.api.base-url", talkdesk.baseUrl());
        System.setProperty("talkdesk.auth.token-url", talkdesk.baseUrl() + TOKEN_PATH);
        engine = ProcessEngineConfiguration.createProcessEngineConfigurationFromResource("camunda.cfg.xml")
                .buildProcessEngine();
    }

    @AfterAll
    static void stopEngineAndTalkdesk() {
        if (engine != null) {
            engine.close();
        }
        talkdesk.stop();
        System.clearProperty("talkdesk.api.base-url");
        System.clearProperty("talkdesk.auth.token-url");
    }

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
    }

    @Test
    void deploysTheShippedProcessAndItsFormsFromTheJar() {
        ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("support-follow-up").latestVersion().singleResult();
        assertNotNull(definition, "support-follow-up is deployed by deployModel=true");
        List<String> resources = engine.getRepositoryService().getDeploymentResourceNames(
                definition.getDeploymentId());
        assertTrue(resources.containsAll(List.of("support-follow-up.bpmn", "request-callback.form",
                "review-callback-request.form", "follow-up-missed-callback.form")), "deployed: " + resources);
    }

    @Test
    void resolvedTicketBooksTheCallbackAndTheFollowUpEndsOnceTheCustomerWasReached() {
        LocalDateTime local = LocalDateTime.of(LocalDate.now(CUSTOMER_ZONE).plusDays(2), LocalTime.of(10, 15));
        Instant expectedTime = local.atZone(CUSTOMER_ZONE).toInstant();
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                "plain-engine-client:plain-engine-secret".getBytes(StandardCharsets.UTF_8));
        talkdesk.stubFor(post(TOKEN_PATH).withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":600,\"scope\":\"schedule-callbacks:read schedule-callbacks:write\"}")));
        // no active callback on the number: it has one finished callback, on the one page of all its callbacks
        talkdesk.stubFor(get(urlPathEqualTo(CALLBACKS)).withQueryParam("phone_number", equalTo(PHONE_E164))
                .withQueryParam("status", matching("UNATTEMPTED|TO_BE_RETRIED"))
                .withQueryParam("per_page", matching("[0-9]+"))
                .willReturn(okForContentType("application/hal+json", page())));
        givenTheNumbersCallbacks(callback("cb-older-9", "EXHAUSTED", "2020-01-01T10:00:00Z"));
        talkdesk.stubFor(post(CALLBACKS).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(callback("cb-plain-1", "UNATTEMPTED", expectedTime.toString()))));

        Map<String, Object> request = new HashMap<>();
        request.put("ticketId", TICKET);
        request.put("phoneNumber", "11 91234-5678");
        request.put("phoneRegion", "BR");
        request.put("callbackTime", local.toString());
        request.put("timezone", CUSTOMER_ZONE.getId());
        request.put("notes", "Router replaced, confirm it works");
        ProcessInstance instance = engine.getRuntimeService().createMessageCorrelation("SupportTicketResolved")
                .processInstanceBusinessKey(TICKET).setVariables(request).correlateStartMessage();
        assertEquals(TICKET, instance.getBusinessKey());

        runDueJobs(instance);

        // booked in Talkdesk: E.164 number, UTC time, the plugin's default caller ID and agents
        talkdesk.verify(moreThanOrExactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
        talkdesk.verify(1, postRequestedFor(urlEqualTo(CALLBACKS))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.phone_number", equalTo(PHONE_E164)))
                .withRequestBody(matchingJsonPath("$.scheduled_time_to_call", equalTo(expectedTime.toString())))
                .withRequestBody(matchingJsonPath("$.timezone", equalTo("America/Sao_Paulo")))
                .withRequestBody(matchingJsonPath("$.assign_type", equalTo("SPECIFIC_AGENT")))
                .withRequestBody(matchingJsonPath("$.agents[0].agent_id", equalTo("agent-7")))
                .withRequestBody(matchingJsonPath("$.agents[1].agent_id", equalTo("agent-9")))
                .withRequestBody(matchingJsonPath("$.caller_id", equalTo("+14155550100")))
                .withRequestBody(matchingJsonPath("$.dialing_model", equalTo("PREVIEW")))
                .withRequestBody(matchingJsonPath("$.notes",
                        matching("\\[ticket:" + TICKET + " #[0-9a-f]{8}\\] Router replaced, confirm it works"))));
        Map<String, Object> variables = engine.getRuntimeService().getVariables(instance.getId());
        assertEquals("cb-plain-1", variables.get("callbackId"));
        assertEquals("SCHEDULED", variables.get("callbackStatus"));
        assertEquals(expectedTime.toString(), variables.get("callbackScheduledTime"));
        assertNull(variables.get("callbackRejectionCode"));

        // waiting for the callback: the check is due at callback time plus grace, not before
        assertTrue(engine.getRuntimeService().getActiveActivityIds(instance.getId())
                .contains("Gateway_AwaitCallback"));
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
                .singleResult();
        assertNotNull(timer, "the post-call check timer");
        assertEquals(Date.from(expectedTime.plus(GRACE)), timer.getDuedate());
        // the look for a duplicate was one request, every callback of the number on a page of 500: with the
        // booking, 2 calls
        talkdesk.verify(1, getRequestedFor(urlPathEqualTo(CALLBACKS)).withQueryParam("status", absent())
                .withQueryParam("per_page", equalTo("500")).withQueryParam("phone_number", equalTo(PHONE_E164))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        talkdesk.verify(1, getRequestedFor(urlPathEqualTo(CALLBACKS)));

        // after the call: Talkdesk lists the number's callbacks in every status, ours succeeded
        givenTheNumbersCallbacks(callback("cb-older-9", "EXHAUSTED", "2020-01-01T10:00:00Z"),
                callback("cb-plain-1", "SUCCESS", expectedTime.toString()));
        ClockUtil.setCurrentTime(Date.from(expectedTime.plus(GRACE).plusSeconds(60)));
        runDueJobs(instance);

        talkdesk.verify(2, getRequestedFor(urlPathEqualTo(CALLBACKS)).withQueryParam("status", absent())
                .withQueryParam("phone_number", equalTo(PHONE_E164))
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        HistoricProcessInstance historic = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult();
        assertNotNull(historic.getEndTime(), "the follow-up has ended");
        assertEquals("End_CallbackCompleted", historic.getEndActivityId());
        assertEquals("SUCCESS", historicVariable(instance, "callbackOutcome"));
        assertEquals(0, engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId())
                .count());
    }

    /** Runs the instance's due jobs one by one, as the job executor would, until it waits for something else. */
    private static void runDueJobs(ProcessInstance instance) {
        for (int i = 0; i < 20; i++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            engine.getManagementService().executeJob(due.get(0).getId());
        }
        throw new AssertionError("the instance still has due jobs after 20 runs");
    }

    private static Object historicVariable(ProcessInstance instance, String name) {
        for (HistoricVariableInstance variable : engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(name).list()) {
            if (instance.getId().equals(variable.getExecutionId())) {
                return variable.getValue();
            }
        }
        return null;
    }

    /** Talkdesk's unfiltered list of the number: {@code callbacks}, all on one page. */
    private static void givenTheNumbersCallbacks(String... callbacks) {
        talkdesk.stubFor(get(urlPathEqualTo(CALLBACKS)).withQueryParam("phone_number", equalTo(PHONE_E164))
                .withQueryParam("status", absent())
                .willReturn(okForContentType("application/hal+json", page(callbacks))));
    }

    private static String callback(String id, String status, String time) {
        return "{\"callback_id\":\"" + id + "\",\"phone_number\":\"" + PHONE_E164 + "\",\"status\":\"" + status
                + "\",\"scheduled_time_to_call\":\"" + time + "\",\"timezone\":\"America/Sao_Paulo\","
                + "\"caller_id\":\"+14155550100\",\"notes\":\"[ticket:" + TICKET + "]\"}";
    }

    private static String page(String... callbacks) {
        return "{\"total\":" + callbacks.length + ",\"page\":1,\"per_page\":100,\"total_pages\":1,\"count\":"
                + callbacks.length + ",\"_links\":{\"self\":{\"href\":\"" + CALLBACKS + "?page=1\"}},"
                + "\"_embedded\":{\"callbacks\":[" + String.join(",", callbacks) + "]}}";
    }
}
