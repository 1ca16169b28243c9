package com.example.webapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The plugin's Cockpit tab in a host app's own webapps: after the host books a follow-up's callback, an administrator
 * logged in to Cockpit reads it through the tab's resource, with the callback as Talkdesk lists it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
class CockpitTabInHostTest {

    private static final String APP = "/camunda";
    private static final WireMockServer talkdesk = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        talkdesk.start();
    }

    @DynamicPropertySource
    static void talkdeskProperties(DynamicPropertyRegistry registry) {
        registry.add("talkdesk.api.base-url", talkdesk::baseUrl);
        registry.add("talkdesk.auth.token-url", () -> talkdesk.baseUrl() + "/oauth/token");
        registry.add("talkdesk.auth.client-id", () -> "webapp-host-client");
        registry.add("talkdesk.auth.client-secret", () -> "webapp-host-secret");
    }

    @AfterAll
    static void stopTalkdesk() {
        talkdesk.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    @Test
    void shouldShowTheBookedCallbackToAnAdministratorInCockpit() throws Exception {
        String booked = "{\"callback_id\":\"cb-web-1\",\"phone_number\":\"+351912345678\",\"status\":\"UNATTEMPTED\","
                + "\"scheduled_time_to_call\":\"2030-01-01T10:00:00Z\",\"timezone\":\"Europe/Lisbon\","
                + "\"caller_id\":\"+14155550100\",\"notes\":\"[ticket:T-WEB-1]\"}";
        talkdesk.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":600}")));
        // the number has no callback until the host books one; then Talkdesk lists it
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).inScenario("number").whenScenarioStateIs(
                Scenario.STARTED).willReturn(okJson(page())));
        talkdesk.stubFor(post("/schedule-callbacks").inScenario("number").willSetStateTo("booked")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(booked)));
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).inScenario("number").whenScenarioStateIs(
                "booked").willReturn(okJson(page(booked))));
        ProcessInstance instance = runtimeService.createMessageCorrelation("SupportTicketResolved")
                .processInstanceBusinessKey("T-WEB-1").setVariables(Map.of("ticketId", "T-WEB-1",
                        "phoneNumber", "+351912345678", "timezone", "Europe/Lisbon", "callbackTime",
                        Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()))
                .correlateStartMessage();
        for (int i = 0; i < 5; i++) {
            Job job = managementService.createJobQuery().processInstanceId(instance.getId()).messages()
                    .singleResult();
            if (job == null) {
                break;
            }
            managementService.executeJob(job.getId());
        }
        assertThat(runtimeService.getVariable(instance.getId(), "callbackId")).isEqualTo("cb-web-1");
        assertThat(runtimeService.getVariable(instance.getId(), "callbackStatus")).isEqualTo("SCHEDULED");

        send("GET", APP + "/app/cockpit/default/", null, null);
        HttpResponse<String> login = send("POST", APP + "/api/admin/auth/user/default/login/cockpit",
                "application/x-www-form-urlencoded", "username=admin&password=webapp-host-admin-password");
        assertThat(login.statusCode()).as("the administrator logs in: " + login.body()).isEqualTo(200);
        send("GET", APP + "/api/admin/auth/user/default", null, null);

        HttpResponse<String> tab = send("GET", APP + "/api/cockpit/plugin/talkdesk-callbacks/default/follow-ups/"
                + instance.getId(), null, null);

        assertThat(tab.statusCode()).as(tab.body()).isEqualTo(200);
        assertThat(tab.body()).contains("\"callbackId\":\"cb-web-1\"").contains("\"ticketId\":\"T-WEB-1\"")
                .contains("UNATTEMPTED").doesNotContain("912345678");
    }

    private static String page(String... callbacks) {
        return "{\"total\":" + callbacks.length + ",\"page\":1,\"per_page\":50,\"total_pages\":1,\"count\":"
                + callbacks.length + ",\"_embedded\":{\"callbacks\":[" + String.join(",", callbacks) + "]}}";
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (type != null) {
            request.header("Content-Type", type);
        }
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).reduce((first, second) -> second)
                .ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
