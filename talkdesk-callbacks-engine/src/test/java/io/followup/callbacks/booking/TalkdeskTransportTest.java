package io.followup.callbacks.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.talkdesk.RequestRateLimiter;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import io.followup.callbacks.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limiting and metrics on the wire: a 429 is waited out in place (all threads pause for {@code Retry-After})
 * as long as the call's wait budget allows, then handed to the job executor; every request is timed by operation
 * and status; bookings, updates and refusals are counted.
 */
class TalkdeskTransportTest {

    private static final String PHONE = "+351912345678";
    private static final String CALLBACK = "{\"callback_id\":\"cb-1\",\"phone_number\":\"" + PHONE
            + "\",\"status\":\"UNATTEMPTED\",\"scheduled_time_to_call\":\"2026-11-26T09:30:00Z\"}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private WireMockServer talkdesk;

    @BeforeEach
    void start() {
        talkdesk = new WireMockServer(wireMockConfig().dynamicPort());
        talkdesk.start();
        talkdesk.stubFor(post("/oauth/token").willReturn(okJson(
                "{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":600}")));
    }

    @AfterEach
    void stop() {
        talkdesk.stop();
    }

    private TalkdeskCallbackService service(Duration maxRateLimitWait) {
        TalkdeskConnection connection = TalkdeskConnection.fixed(talkdesk.baseUrl(),
                talkdesk.baseUrl() + "/oauth/token", "client-1", "secret", "schedule-callbacks:write");
        HttpClient http = TalkdeskClientFactory.httpClient(Duration.ofSeconds(2));
        AccessTokenProvider tokens = TalkdeskClientFactory.tokenProvider(connection, http, Duration.ofSeconds(2),
                Duration.ofSeconds(60), clock);
        return new TalkdeskCallbackService(TalkdeskClientFactory.api(connection, http, tokens, Duration.ofSeconds(2),
                Duration.ofSeconds(2), false, clock, new RequestRateLimiter(0), maxRateLimitWait, registry),
                tokens, 50, 500, registry);
    }

    private static CallbackRequest request() {
        return new CallbackRequest("T-7", PHONE, Instant.parse("2026-11-26T09:30:00Z"), ZoneId.of("Europe/Lisbon"),
                AssignType.SPECIFIC_RING_GROUP, List.of("support-tier-1"), "+14155550100", null, null);
    }

    @Test
    void shouldWaitOutA429InPlaceAndBookOnce() {
        talkdesk.stubFor(post("/schedule-callbacks").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"slow down\"}"))
                .willSetStateTo("open"));
        talkdesk.stubFor(post("/schedule-callbacks").inScenario("limited").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(CALLBACK)));

        assertThat(service(Duration.ofSeconds(30)).schedule(request()).callbackId()).isEqualTo("cb-1");

        talkdesk.verify(2, postRequestedFor(urlPathEqualTo("/schedule-callbacks")));
        assertThat(registry.get("talkdesk.api.rate.limited").tag("operation", "create").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("talkdesk.api.rate.limit.waits").timer().totalTime(TimeUnit.MILLISECONDS))
                .isGreaterThanOrEqualTo(900);
        assertThat(registry.get("talkdesk.api.requests").tags("operation", "create", "status", "429").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get("talkdesk.api.requests").tags("operation", "create", "status", "201",
                "outcome", "SUCCESS").timer().count()).isEqualTo(1);
        assertThat(registry.get("talkdesk.callbacks.scheduled").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldHandA429ThatAsksForMoreThanTheBudgetToTheJobExecutorWithItsRetryAfter() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> service(Duration.ofSeconds(30)).schedule(request()))
                .isInstanceOfSatisfying(TalkdeskTransientException.class, e ->
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
        talkdesk.verify(1, postRequestedFor(urlPathEqualTo("/schedule-callbacks")));
        assertThat(registry.find("talkdesk.callbacks.scheduled").counter()).isNull();
    }

    @Test
    void shouldBackOffExponentiallyWithoutRetryAfterUntilTheBudgetIsSpent() {
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).willReturn(aResponse().withStatus(429)));

        assertThatThrownBy(() -> service(Duration.ofSeconds(3)).findActive(PHONE))
                .isInstanceOf(TalkdeskTransientException.class);
        // waits 1 s, then 2 s (3 s in all); a third wait of 4 s would exceed the budget
        talkdesk.verify(3, getRequestedFor(urlPathEqualTo("/schedule-callbacks")));
    }

    @Test
    void shouldCountRefusalsByOperation() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"INVALID_CALLBACK\",\"message\":\"The callback is invalid\","
                        + "\"fields\":[{\"name\":\"caller_id\",\"description\":\"unknown\"}]}")));

        assertThatThrownBy(() -> service(Duration.ofSeconds(30)).schedule(request()));
        assertThat(registry.get("talkdesk.callbacks.rejected").tag("operation", "create").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("talkdesk.api.requests").tags("operation", "create", "status", "422",
                "outcome", "CLIENT_ERROR").timer().count()).isEqualTo(1);
    }
}
