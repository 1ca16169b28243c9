package io.followup.callbacks.process;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import io.followup.callbacks.settings.TalkdeskProperties;
import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bpmn/examples/book-callback.bpmn}, the three-task pattern README shows: one "Book a Talkdesk callback" task
 * (the {@code scheduleCallback} delegate: look, move or book, exactly once), wait, check. Every path, against a
 * WireMock Talkdesk.
 */
@Deployment(resources = "examples/book-callback.bpmn")
class BookCallbackExampleTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml")
            .assertClassCoverageAtLeast(1.0).build();

    private static final String LIST = "/schedule-callbacks";
    private static final String PHONE = "+351912345678";
    private static WireMockServer talkdesk;
    private String time;

    @BeforeAll
    static void startTalkdesk() {
        talkdesk = new WireMockServer(wireMockConfig().dynamicPort());
        talkdesk.start();
    }

    @AfterAll
    static void stopTalkdesk() {
        talkdesk.stop();
    }

    @BeforeEach
    void wireDelegates() {
        BpmnAwareTests.init(engine.getProcessEngine());
        talkdesk.resetAll();
        talkdesk.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(page())));
        Clock clock = Clock.systemUTC();
        TalkdeskProperties settings = new TalkdeskProperties();
        settings.getCallbacks().setDefaultCallerId("+14155550100");
        settings.getCallbacks().setDefaultAssignees(java.util.List.of("support-tier-1"));
        TalkdeskStandIn.registerDelegates(settings, TalkdeskStandIn.service(talkdesk, clock), clock);
        time = TalkdeskStandIn.middayInLisbon(1);
    }

    @AfterEach
    void clearMocks() {
        Mocks.reset();
    }

    private static String callback(String id, String status, String at) {
        return "{\"callback_id\":\"" + id + "\",\"phone_number\":\"" + PHONE + "\",\"status\":\"" + status
                + "\",\"scheduled_time_to_call\":\"" + at + "\",\"timezone\":\"Europe/Lisbon\"}";
    }

    private static String page(String... callbacks) {
        return "{\"total\":" + callbacks.length + ",\"page\":1,\"per_page\":50,\"total_pages\":1,\"count\":"
                + callbacks.length + ",\"_embedded\":{\"callbacks\":[" + String.join(",", callbacks) + "]}}";
    }

    private void givenTalkdeskBooks() {
        talkdesk.stubFor(post(LIST).willReturn(aResponse().withStatus(201).withHeader("Content-Type",
                "application/json").withBody(callback("cb-1", "UNATTEMPTED", time))));
    }

    private void givenOutcome(String status) {
        talkdesk.stubFor(get(urlPathEqualTo(LIST)).withQueryParam("status", absent())
                .willReturn(okJson(page(callback("cb-1", status, time)))));
    }

    private ProcessInstance start(String phone) {
        return runtimeService().startProcessInstanceByKey("book-callback-example", "T-EX-1", Map.of(
                Variables.TICKET_ID, "T-EX-1", Variables.PHONE_NUMBER, phone, Variables.CALLBACK_TIME, time,
                Variables.TIMEZONE, "Europe/Lisbon"));
    }

    private static void runJob(ProcessInstance instance) {
        Job job = managementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
        managementService().executeJob(job.getId());
    }

    @Test
    void shouldBookInOneTaskThenEndWhenTheCustomerWasReached() {
        givenTalkdeskBooks();
        ProcessInstance instance = start(PHONE);

        runJob(instance); // Book a Talkdesk callback
        assertThat(instance).isWaitingAt("Timer_CallbackTime").variables().containsEntry(Variables.CALLBACK_ID,
                "cb-1").containsEntry(Variables.CALLBACK_SCHEDULED_TIME, time);
        talkdesk.verify(1, postRequestedFor(urlEqualTo(LIST)).withRequestBody(matchingJsonPath("$.phone_number",
                equalTo(PHONE))));
        givenOutcome("UNATTEMPTED");
        runJob(instance); // the timer
        runJob(instance); // Check callback outcome: not called yet
        assertThat(instance).isWaitingAt("Timer_CallbackTime").variables().containsEntry(Variables.CALLBACK_OUTCOME,
                SupportFollowUpProcess.Outcomes.PENDING);
        givenOutcome("SUCCESS");
        runJob(instance);
        runJob(instance);

        assertThat(instance).isEnded().hasPassed("End_CustomerReached");
    }

    @Test
    void shouldEndMissedWhenTalkdeskCouldNotReachTheCustomer() {
        givenTalkdeskBooks();
        ProcessInstance instance = start(PHONE);
        runJob(instance);
        givenOutcome("EXHAUSTED");
        runJob(instance);
        runJob(instance);

        assertThat(instance).isEnded().hasPassed("End_CallbackMissed");
    }

    @Test
    void shouldEndNotBookedWhenTheRequestIsInvalidOrTalkdeskRefusesIt() {
        ProcessInstance invalid = start("12");
        runJob(invalid);
        assertThat(invalid).isEnded().hasPassed("End_NotBooked").variables()
                .containsEntry(Variables.CALLBACK_REJECTION_CODE, SupportFollowUpProcess.Errors.INVALID_CALLBACK_REQUEST);

        talkdesk.stubFor(post(LIST).willReturn(aResponse().withStatus(422).withHeader("Content-Type",
                "application/json").withBody("{\"code\":\"4220001\",\"message\":\"caller id not owned\","
                        + "\"fields\":[{\"name\":\"caller_id\",\"description\":\"not owned\"}]}")));
        ProcessInstance refused = start(PHONE);
        runJob(refused);
        assertThat(refused).isEnded().hasPassed("End_Refused").variables()
                .containsEntry(Variables.CALLBACK_REJECTION_CODE, SupportFollowUpProcess.Errors.CALLBACK_REJECTED);
    }
}
