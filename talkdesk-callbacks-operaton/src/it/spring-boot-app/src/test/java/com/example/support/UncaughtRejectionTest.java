package com.example.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.LocalDateTime;
import java.util.Map;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.runtime.Incident;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The host's model has no error boundary events and the engine runs with Camunda's defaults
 * ({@code enableExceptionsAfterUnhandledBpmnError} off): a rejection from a Talkdesk task still never ends the
 * process silently, and the look asks only for what a look needs.
 */
@SpringBootTest(properties = "operaton.bpm.job-execution.enabled=false")
class UncaughtRejectionTest {

    private static final WireMockServer talkdesk = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        talkdesk.start();
    }

    @DynamicPropertySource
    static void talkdeskProperties(DynamicPropertyRegistry registry) {
        registry.add("talkdesk.api.base-url", talkdesk::baseUrl);
        registry.add("talkdesk.auth.token-url", () -> talkdesk.baseUrl() + "/oauth/token");
        registry.add("talkdesk.auth.client-id", () -> "host-app-client");
        registry.add("talkdesk.auth.client-secret", () -> "host-app-secret");
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
    private ProcessEngineConfigurationImpl engineConfiguration;

    @BeforeEach
    void talkdeskAnswers() {
        talkdesk.resetAll();
        talkdesk.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":600}")));
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).willReturn(okJson("{\"total\":0,\"page\":1,"
                + "\"per_page\":50,\"total_pages\":1,\"count\":0,\"_embedded\":{\"callbacks\":[]}}")));
    }

    @Test
    void shouldRaiseAnIncidentNamingTheCodeAndFieldWhenTheHostModelCatchesNoRejection() {
        assertThat(engineConfiguration.isEnableExceptionsAfterUnhandledBpmnError()).as("engine defaults").isFalse();
        ProcessInstance instance = runtimeService.startProcessInstanceByKey("host-book-without-handlers", "CASE-9",
                Map.of("caseNumber", "CASE-9", "customerPhone", "+12125550123", "customerCountry", "US",
                        "preferredTime", LocalDateTime.now().plusDays(2).withNano(0).toString(),
                        "customerZone", "America/New_York", "outboundNumber", "12"));

        runJob(instance); // the look needs no caller ID and passes
        Job book = runJob(instance);

        Job failed = managementService.createJobQuery().jobId(book.getId()).singleResult();
        assertThat(failed.getRetries()).as("a business outcome is not retried").isZero();
        Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident).as("an incident, not a silent end").isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("Task_Book");
        assertThat(incident.getIncidentMessage()).contains("INVALID_CALLBACK_REQUEST").contains("callerId")
                .contains("CASE-9").doesNotContain("2125550123");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isOne();
        talkdesk.verify(0, postRequestedFor(urlEqualTo("/schedule-callbacks")));
    }

    @Test
    void shouldRaiseAnIncidentWhenTalkdeskRefusesAndTheHostModelCatchesNothing() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"INVALID_AGENT\",\"message\":\"ring group support-tier-2 is unknown\"}")));
        ProcessInstance instance = runtimeService.startProcessInstanceByKey("host-book-without-handlers", "CASE-10",
                Map.of("caseNumber", "CASE-10", "customerPhone", "+12125550123", "customerCountry", "US",
                        "preferredTime", LocalDateTime.now().plusDays(2).withNano(0).toString(),
                        "customerZone", "America/New_York", "outboundNumber", "+14155550100"));

        runJob(instance);
        runJob(instance);

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentMessage()).contains("CALLBACK_REJECTED");
        talkdesk.verify(1, postRequestedFor(urlEqualTo("/schedule-callbacks")));
    }

    /** Runs the instance's next job as the job executor would; a failure is recorded on the job by the engine. */
    private Job runJob(ProcessInstance instance) {
        Job job = managementService.createJobQuery().processInstanceId(instance.getId()).executable().singleResult();
        assertThat(job).as("a job to run").isNotNull();
        try {
            managementService.executeJob(job.getId());
        } catch (RuntimeException failed) {
            // recorded on the job
        }
        return job;
    }
}
