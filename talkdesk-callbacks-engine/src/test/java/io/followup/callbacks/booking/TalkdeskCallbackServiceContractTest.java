package io.followup.callbacks.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.talkdesk.JobDeadline;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.api.AgentRef;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.api.RingGroupRef;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.talkdesk.error.CallbackConflictException;
import io.followup.callbacks.talkdesk.error.CallbackNotFoundException;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import io.followup.callbacks.talkdesk.error.TalkdeskConfigurationException;
import io.followup.callbacks.talkdesk.error.TalkdeskException;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import io.followup.callbacks.testing.MutableClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against a WireMock Talkdesk over real HTTP: every operation and every error class. */
class TalkdeskCallbackServiceContractTest {

    private static final String PHONE = "+351912345678";
    private static final String SECRET = "s3cr3t-never-shown";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private WireMockServer talkdesk;
    private TalkdeskCallbackService service;

    @BeforeEach
    void startTalkdesk() {
        talkdesk = new WireMockServer(wireMockConfig().dynamicPort());
        talkdesk.start();
        givenTokenEndpointIssues("token-1", 600);
        service = serviceWithReadTimeout(Duration.ofSeconds(3)); // generous: a busy 2-core machine is slow
    }

    @AfterEach
    void stopTalkdesk() {
        talkdesk.stop();
    }

    private TalkdeskCallbackService serviceWithReadTimeout(Duration readTimeout) {
        TalkdeskConnection connection = TalkdeskConnection.fixed(talkdesk.baseUrl(),
                talkdesk.baseUrl() + "/oauth/token", "client-1", SECRET,
                "schedule-callbacks:read schedule-callbacks:write");
        HttpClient http = TalkdeskClientFactory.httpClient(Duration.ofSeconds(2));
        AccessTokenProvider tokens = TalkdeskClientFactory.tokenProvider(connection, http, readTimeout,
                Duration.ofSeconds(60), clock);
        return new TalkdeskCallbackService(TalkdeskClientFactory.api(connection, http, tokens, Duration.ofSeconds(2),
                readTimeout, true, clock), tokens, 50, 500);
    }

    private void givenTokenEndpointIssues(String token, int expiresIn) {
        talkdesk.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"" + token
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"scope\":\"x\"}")));
    }

    private static CallbackRequest request(AssignType type, List<String> assignees) {
        return new CallbackRequest("T-100", PHONE, Instant.parse("2026-11-26T09:30:00Z"), ZoneId.of("Europe/Lisbon"),
                type, assignees, "+14155550100", "int-9", "Customer asked about invoice");
    }

    private static String callbackJson(String id, String status) {
        return "{\"callback_id\":\"" + id + "\",\"phone_number\":\"" + PHONE + "\",\"status\":\"" + status
                + "\",\"scheduled_time_to_call\":\"2026-11-26T09:30:00Z\",\"timezone\":\"Europe/Lisbon\","
                + "\"caller_id\":\"+14155550100\",\"notes\":\"[ticket:T-100] hi\"}";
    }

    private static String page(int page, int totalPages, String... callbacks) {
        String next = page < totalPages ? ",\"next\":{\"href\":\"/schedule-callbacks?page=" + (page + 1) + "\"}" : "";
        return "{\"total\":" + callbacks.length + ",\"page\":" + page + ",\"per_page\":50,\"total_pages\":"
                + totalPages + ",\"count\":" + callbacks.length + ",\"_links\":{\"self\":{\"href\":\"/x\"}" + next
                + "},\"_embedded\":{\"callbacks\":[" + String.join(",", callbacks) + "]}}";
    }

    /** {@code page} with {@code total} callbacks in all, whatever it carries. */
    private static String pageCounting(int total, int page, int totalPages, String... callbacks) {
        return page(page, totalPages, callbacks).replaceFirst("\\{\"total\":[0-9]+", "{\"total\":" + total);
    }

    private void givenEmptyList() {
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).willReturn(okJson(page(1, 1))));
    }

    /** The one request a look starts with: every callback of the number, in whatever status, 500 a page. */
    private static final String WHOLE_HISTORY = "/schedule-callbacks?phone_number=%2B351912345678&page=1&per_page=500";

    private static String byStatus(String status, int page) {
        return "/schedule-callbacks?phone_number=%2B351912345678&status=" + status + "&page=" + page + "&per_page=50";
    }

    /** Talkdesk answers the unfiltered list of the number with {@code answer} (and nothing else is stubbed). */
    private void givenWholeHistory(String answer) {
        talkdesk.stubFor(get(urlEqualTo(WHOLE_HISTORY)).willReturn(okJson(answer)));
    }

    private int listRequests() {
        return talkdesk.findAll(getRequestedFor(urlPathEqualTo("/schedule-callbacks"))).size();
    }

    @Test
    void shouldSendCreateBodyWithContractFieldNamesWhenScheduling() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(callbackJson("cb-1", "UNATTEMPTED"))));

        CallbackResource created = service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("agent-1", "agent-2")));

        assertThat(created.callbackId()).isEqualTo("cb-1");
        talkdesk.verify(postRequestedFor(urlEqualTo("/schedule-callbacks"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"phone_number":"+351912345678","scheduled_time_to_call":"2026-11-26T09:30:00Z",
                         "timezone":"Europe/Lisbon","assign_type":"SPECIFIC_AGENT",
                         "agents":[{"agent_id":"agent-1"},{"agent_id":"agent-2"}],
                         "caller_id":"+14155550100","dialing_model":"PREVIEW","interaction_id":"int-9",
                         "notes":"[ticket:T-100] Customer asked about invoice"}""")));
    }

    @Test
    void shouldReadAssignmentsGivenAsPlainIdsOrObjectsAndIgnoreUnknownFields() {
        String odd = "{\"callback_id\":\"cb-odd\",\"phone_number\":\"" + PHONE + "\",\"status\":\"UNATTEMPTED\","
                + "\"scheduled_time_to_call\":\"2026-11-26T09:30:00Z\",\"agents\":[\"agent-1\",{\"agent_id\":"
                + "\"agent-2\",\"name\":\"Ana\"}],\"ring_groups\":[\"support-tier-1\"],\"priority\":{\"level\":3},"
                + "\"tags\":[1,2]}";
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).willReturn(okJson(page(1, 1, odd))));

        List<CallbackResource> active = service.findActive(PHONE);

        assertThat(active).singleElement().satisfies(callback -> {
            assertThat(callback.callbackId()).isEqualTo("cb-odd");
            assertThat(callback.agents()).extracting(AgentRef::agentId).containsExactly("agent-1", "agent-2");
            assertThat(callback.ringGroups()).extracting(RingGroupRef::ringGroup).containsExactly("support-tier-1");
        });
    }

    @Test
    void shouldSendRingGroupsWhenAssigningToRingGroup() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(callbackJson("cb-2", "UNATTEMPTED"))));

        service.schedule(request(AssignType.SPECIFIC_RING_GROUP, List.of("support-tier-1")));

        talkdesk.verify(postRequestedFor(urlEqualTo("/schedule-callbacks")).withRequestBody(equalToJson(
                "{\"assign_type\":\"SPECIFIC_RING_GROUP\",\"ring_groups\":[{\"ring_group\":\"support-tier-1\"}]}",
                true, true)));
    }

    @Test
    void shouldSendJsonPatchWithCamelCasePathsWhenUpdating() {
        talkdesk.stubFor(patch(urlEqualTo("/schedule-callbacks/cb-7")).willReturn(okJson(callbackJson("cb-7",
                "UNATTEMPTED"))));

        service.update("cb-7", request(AssignType.SPECIFIC_AGENT, List.of("agent-1")));

        talkdesk.verify(patchRequestedFor(urlEqualTo("/schedule-callbacks/cb-7"))
                .withHeader("Content-Type", containing("application/json-patch+json"))
                .withRequestBody(equalToJson("""
                        [{"op":"replace","path":"/timeToCall","value":"2026-11-26T09:30:00Z"},
                         {"op":"replace","path":"/phoneNumber","value":"+351912345678"},
                         {"op":"replace","path":"/timezone","value":"Europe/Lisbon"},
                         {"op":"replace","path":"/assignType","value":"SPECIFIC_AGENT"},
                         {"op":"replace","path":"/agents","value":["agent-1"]},
                         {"op":"replace","path":"/callerId","value":"+14155550100"},
                         {"op":"replace","path":"/notes","value":"[ticket:T-100] Customer asked about invoice"}]""")));
    }

    @Test
    void shouldSendDeleteWhenCancelling() {
        talkdesk.stubFor(delete("/schedule-callbacks/cb-3").willReturn(aResponse().withStatus(204)));

        service.cancel("cb-3");

        talkdesk.verify(deleteRequestedFor(urlEqualTo("/schedule-callbacks/cb-3"))
                .withHeader("Authorization", equalTo("Bearer token-1")));
    }

    @Test
    void shouldEncodePlusSignAndListTheWholeHistoryOnOnePageOf500WhenFindingActive() {
        givenEmptyList();

        assertThat(service.findActive(PHONE)).isEmpty();

        talkdesk.verify(1, getRequestedFor(urlEqualTo(WHOLE_HISTORY))
                .withHeader("Accept", equalTo("application/hal+json")));
        assertThat(listRequests()).as("the empty page is complete: no status list follows").isOne();
    }

    @Test
    void shouldBookANewCallbackWithTwoRequestsWhenTheNumbersCallbacksFitOnePage() {
        givenWholeHistory(page(1, 1, callbackJson("cb-old", "SUCCESS"), callbackJson("cb-gone", "CANCELED")));
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(callbackJson("cb-new", "UNATTEMPTED"))));

        assertThat(service.findActive(PHONE)).isEmpty();
        service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("agent-1")));

        talkdesk.verify(1, getRequestedFor(urlPathEqualTo("/schedule-callbacks")).withQueryParam("status",
                absent()).withQueryParam("per_page", equalTo("500")).withQueryParam("page", equalTo("1")));
        talkdesk.verify(1, postRequestedFor(urlEqualTo("/schedule-callbacks")));
        assertThat(talkdesk.findAll(anyRequestedFor(urlPathMatching("/schedule-callbacks.*"))))
                .as("the list and the create, token aside").hasSize(2);
    }

    @Test
    void shouldTakeTheActiveCallbacksOfACompletePageAndIgnoreItsFinalOnes() {
        String otherNumber = callbackJson("cb-other", "UNATTEMPTED").replace(PHONE, "+351919999999");
        givenWholeHistory(page(1, 1, callbackJson("cb-canceled", "CANCELED"), callbackJson("cb-waiting",
                "UNATTEMPTED"), callbackJson("cb-called", "SUCCESS"), callbackJson("cb-exhausted", "EXHAUSTED"),
                callbackJson("cb-retry", "TO_BE_RETRIED"), callbackJson("cb-invalid", "INVALID_NUMBER"),
                callbackJson("cb-waiting", "UNATTEMPTED"), otherNumber, callbackJson("cb-new", "SOMETHING_NEW")));

        List<CallbackResource> active = service.findActive(PHONE);

        assertThat(active).extracting(CallbackResource::callbackId).containsExactly("cb-waiting", "cb-retry");
        talkdesk.verify(0, getRequestedFor(urlPathEqualTo("/schedule-callbacks")).withQueryParam("status",
                matching(".*")));
    }

    /** Unfiltered first pages that do not hold the whole history: page 1 of 2, a next link, more in all than on it. */
    static List<String> incompleteFirstPages() {
        String waiting = callbackJson("cb-1", "UNATTEMPTED");
        String called = callbackJson("cb-old", "SUCCESS");
        return List.of(page(1, 2, waiting, called),
                page(1, 1, waiting, called).replace("\"self\":{\"href\":\"/x\"}",
                        "\"self\":{\"href\":\"/x\"},\"next\":{\"href\":\"/schedule-callbacks?page=2\"}"),
                pageCounting(501, 1, 1, waiting, called));
    }

    @ParameterizedTest
    @MethodSource("incompleteFirstPages")
    void shouldListBothActiveStatusesEveryPageWhenTheHistoryDoesNotFitOnePage(String firstPage) {
        givenWholeHistory(firstPage);
        talkdesk.stubFor(get(urlEqualTo(byStatus("UNATTEMPTED", 1)))
                .willReturn(okJson(page(1, 2, callbackJson("cb-1", "UNATTEMPTED")))));
        talkdesk.stubFor(get(urlEqualTo(byStatus("UNATTEMPTED", 2)))
                .willReturn(okJson(page(2, 2, callbackJson("cb-1", "UNATTEMPTED"), callbackJson("cb-2",
                        "UNATTEMPTED")))));
        talkdesk.stubFor(get(urlEqualTo(byStatus("TO_BE_RETRIED", 1)))
                .willReturn(okJson(page(1, 1, callbackJson("cb-3", "TO_BE_RETRIED")))));

        List<CallbackResource> active = service.findActive(PHONE);

        assertThat(active).extracting(CallbackResource::callbackId).containsExactly("cb-1", "cb-2", "cb-3");
        talkdesk.verify(1, getRequestedFor(urlEqualTo(WHOLE_HISTORY)));
        talkdesk.verify(1, getRequestedFor(urlEqualTo(byStatus("UNATTEMPTED", 1)))
                .withHeader("Accept", equalTo("application/hal+json")));
        talkdesk.verify(1, getRequestedFor(urlEqualTo(byStatus("UNATTEMPTED", 2))));
        talkdesk.verify(1, getRequestedFor(urlEqualTo(byStatus("TO_BE_RETRIED", 1))));
        assertThat(listRequests()).as("the unfiltered page, then 2 + 1 pages by status").isEqualTo(4);
    }

    @Test
    void shouldListANumberOnceSeenWithALongHistoryByStatusAtOnce() {
        givenWholeHistory(page(1, 2, callbackJson("cb-old", "SUCCESS")));
        talkdesk.stubFor(get(urlEqualTo(byStatus("UNATTEMPTED", 1)))
                .willReturn(okJson(page(1, 1, callbackJson("cb-1", "UNATTEMPTED")))));
        talkdesk.stubFor(get(urlEqualTo(byStatus("TO_BE_RETRIED", 1))).willReturn(okJson(page(1, 1))));

        service.findActive(PHONE);
        List<CallbackResource> again = service.findActive(PHONE);

        assertThat(again).extracting(CallbackResource::callbackId).containsExactly("cb-1");
        talkdesk.verify(1, getRequestedFor(urlEqualTo(WHOLE_HISTORY)));
        assertThat(listRequests()).as("first look: the unfiltered page and 2 by status; the next: 2 by status")
                .isEqualTo(5);
    }

    @Test
    void shouldThrowTheFailureOfTheUnfilteredListAsAStatusListFailureWasThrown() {
        talkdesk.stubFor(get(urlEqualTo(WHOLE_HISTORY)).willReturn(aResponse().withStatus(503)));
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).withQueryParam("status", matching(".+"))
                .willReturn(okJson(page(1, 1))));

        assertThatThrownBy(() -> service.findActive(PHONE)).isInstanceOfSatisfying(TalkdeskTransientException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(503));
        talkdesk.verify(0, getRequestedFor(urlPathEqualTo("/schedule-callbacks")).withQueryParam("status",
                matching(".*")));
    }

    @Test
    void shouldThrowANoAnswerToTheUnfilteredListAsTransientWithoutListingByStatus() {
        talkdesk.stubFor(get(urlEqualTo(WHOLE_HISTORY)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).withQueryParam("status", matching(".+"))
                .willReturn(okJson(page(1, 1))));

        assertThatThrownBy(() -> service.findActive(PHONE)).isInstanceOf(TalkdeskTransientException.class)
                .hasMessageContaining("TDCB-599").hasMessageContaining("GET /schedule-callbacks");
        talkdesk.verify(0, getRequestedFor(urlPathEqualTo("/schedule-callbacks")).withQueryParam("status",
                matching(".*")));
    }

    @Test
    void shouldReportARefusedUnfilteredListAsARejection() {
        talkdesk.stubFor(get(urlEqualTo(WHOLE_HISTORY)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"INVALID_PARAMETER\",\"message\":\"phone_number is invalid\"}")));
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).withQueryParam("status", matching(".+"))
                .willReturn(okJson(page(1, 1))));

        assertThatThrownBy(() -> service.findActive(PHONE)).isInstanceOfSatisfying(CallbackRejectedException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void shouldIgnoreFinalAndUnknownStatusesWhenFindingActive() {
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).willReturn(okJson(page(1, 1,
                callbackJson("cb-1", "SUCCESS"), callbackJson("cb-2", "SOMETHING_NEW")))));

        assertThat(service.findActive(PHONE)).isEmpty();
    }

    @Test
    void shouldReuseCachedTokenAcrossCalls() {
        givenEmptyList();

        service.findActive(PHONE);
        service.findActive(PHONE);

        talkdesk.verify(1, postRequestedFor(urlEqualTo("/oauth/token"))
                .withHeader("Authorization", equalTo("Basic Y2xpZW50LTE6czNjcjN0LW5ldmVyLXNob3du"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo(
                        "grant_type=client_credentials&scope=schedule-callbacks%3Aread+schedule-callbacks%3Awrite")));
    }

    @Test
    void shouldFetchNewTokenShortlyBeforeCachedOneExpires() {
        givenEmptyList();
        service.findActive(PHONE);

        clock.advance(Duration.ofSeconds(541));
        givenTokenEndpointIssues("token-2", 600);
        service.findActive(PHONE);

        talkdesk.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        talkdesk.verify(getRequestedFor(urlPathEqualTo("/schedule-callbacks"))
                .withHeader("Authorization", equalTo("Bearer token-2")));
    }

    @Test
    void shouldKeepATokenThatLivesNoLongerThanTheRefreshMarginForHalfItsLife() {
        givenTokenEndpointIssues("short-lived", 45); // refresh-before-expiry here is 60s
        givenEmptyList();

        service.findActive(PHONE);
        clock.advance(Duration.ofSeconds(20));
        service.findActive(PHONE);
        clock.advance(Duration.ofSeconds(5));
        service.findActive(PHONE);

        talkdesk.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void shouldRefreshTokenOnceAndRepeatCallWhenTokenIsRevokedMidRun() {
        talkdesk.stubFor(post("/oauth/token").inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"old\",\"expires_in\":600}")).willSetStateTo("renewed"));
        talkdesk.stubFor(post("/oauth/token").inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"access_token\":\"new\",\"expires_in\":600}")));
        talkdesk.stubFor(delete(urlPathMatching("/schedule-callbacks/.*"))
                .withHeader("Authorization", equalTo("Bearer old"))
                .willReturn(aResponse().withStatus(401).withBody("{\"code\":\"UNAUTHORIZED\"}")));
        talkdesk.stubFor(delete(urlPathMatching("/schedule-callbacks/.*"))
                .withHeader("Authorization", equalTo("Bearer new")).willReturn(aResponse().withStatus(204)));

        service.cancel("cb-1");
        service.cancel("cb-2");

        talkdesk.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
        talkdesk.verify(2, deleteRequestedFor(urlEqualTo("/schedule-callbacks/cb-1")));
        talkdesk.verify(1, deleteRequestedFor(urlEqualTo("/schedule-callbacks/cb-2")));
    }

    @Test
    void shouldReportConfigurationErrorWhenFreshTokenIsRefusedToo() {
        talkdesk.stubFor(delete(urlPathMatching("/schedule-callbacks/.*"))
                .willReturn(aResponse().withStatus(401).withBody("{\"code\":\"UNAUTHORIZED\"}")));

        assertThatThrownBy(() -> service.cancel("cb-1"))
                .isInstanceOf(TalkdeskConfigurationException.class)
                .hasMessageContaining("DELETE /schedule-callbacks/cb-1")
                .hasMessageNotContaining("token-1");
        talkdesk.verify(2, deleteRequestedFor(urlEqualTo("/schedule-callbacks/cb-1")));
    }

    @Test
    void shouldReportConfigurationErrorWithoutSecretWhenTokenEndpointRefusesCredentials() {
        talkdesk.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                "application/json").withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad\"}")));

        assertThatThrownBy(() -> service.findActive(PHONE))
                .isInstanceOf(TalkdeskConfigurationException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("talkdesk.auth.client-secret")
                .hasMessageNotContaining(SECRET);
        talkdesk.verify(0, getRequestedFor(urlPathEqualTo("/schedule-callbacks")));
    }

    @Test
    void shouldTreatTokenEndpointOutageAsTransient() {
        talkdesk.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> service.findActive(PHONE)).isInstanceOf(TalkdeskTransientException.class);
    }

    @Test
    void shouldShareOneTokenFetchBetweenConcurrentCallers() throws Exception {
        talkdesk.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"shared\",\"expires_in\":600}")
                .withFixedDelay(300)));
        givenEmptyList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<CallbackResource>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> service.findActive(PHONE));
            }
            for (Future<List<CallbackResource>> result : pool.invokeAll(calls)) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }

        talkdesk.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
        talkdesk.verify(8, getRequestedFor(urlEqualTo(WHOLE_HISTORY))
                .withHeader("Authorization", equalTo("Bearer shared")));
    }

    @Test
    void shouldReportEveryFieldWhenTalkdeskRejectsWith422() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"code":"VALIDATION_ERROR","message":"Invalid callback","description":"d",
                         "fields":[{"name":"caller_id","description":"not owned by the account"},
                                   {"name":"agents","description":"unknown agent agent-1"}]}""")));

        assertThatThrownBy(() -> service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("agent-1"))))
                .isInstanceOfSatisfying(CallbackRejectedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.talkdeskCode()).isEqualTo("VALIDATION_ERROR");
                    assertThat(e.fields()).extracting(CallbackRejectedException.RejectedField::name)
                            .containsExactly("caller_id", "agents");
                    assertThat(e.getMessage()).contains("caller_id: not owned by the account")
                            .contains("agents: unknown agent agent-1");
                });
    }

    @Test
    void shouldReportRejectionWhenTalkdeskAnswers400WithoutBody() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(400)));

        assertThatThrownBy(() -> service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("a"))))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("HTTP 400");
    }

    @Test
    void shouldReportNotFoundWhenUpdatingUnknownCallback() {
        talkdesk.stubFor(patch(urlEqualTo("/schedule-callbacks/gone")).willReturn(aResponse().withStatus(404)
                .withBody("{\"code\":\"NOT_FOUND\",\"message\":\"no such callback\"}")));

        assertThatThrownBy(() -> service.update("gone", request(AssignType.SPECIFIC_AGENT, List.of("a"))))
                .isInstanceOf(CallbackNotFoundException.class).hasMessageContaining("/schedule-callbacks/gone");
    }

    @Test
    void shouldReportConflictWhenCallbackIsNoLongerEditable() {
        talkdesk.stubFor(delete("/schedule-callbacks/done").willReturn(aResponse().withStatus(409)
                .withBody("{\"code\":\"CONFLICT\",\"message\":\"callback already finished\"}")));

        assertThatThrownBy(() -> service.cancel("done")).isInstanceOf(CallbackConflictException.class)
                .hasMessageContaining("callback already finished");
    }

    @Test
    void shouldReportConfigurationErrorWhenScopeIsMissing() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(403)
                .withBody("{\"code\":\"FORBIDDEN\"}")));

        assertThatThrownBy(() -> service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("a"))))
                .isInstanceOf(TalkdeskConfigurationException.class).hasMessageContaining("scope");
    }

    @Test
    void shouldReportConfigurationErrorWhenContentTypeIsRefused() {
        talkdesk.stubFor(patch(urlEqualTo("/schedule-callbacks/cb-1")).willReturn(aResponse().withStatus(415)));

        assertThatThrownBy(() -> service.update("cb-1", request(AssignType.SPECIFIC_AGENT, List.of("a"))))
                .isInstanceOf(TalkdeskConfigurationException.class).hasMessageContaining("content type");
    }

    @Test
    void shouldKeepRetryAfterWhenRateLimited() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("a"))))
                .isInstanceOfSatisfying(TalkdeskTransientException.class, e -> {
                    assertThat(e.isRateLimited()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void shouldHaveNoRetryAfterWhenRateLimitedWithoutHeader() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(429)));

        assertThatThrownBy(() -> service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("a"))))
                .isInstanceOfSatisfying(TalkdeskTransientException.class,
                        e -> assertThat(e.retryAfter()).isEmpty());
    }

    @Test
    void shouldTreatServiceUnavailableAsTransient() {
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> service.findActive(PHONE)).isInstanceOfSatisfying(TalkdeskTransientException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(503));
    }

    @Test
    void shouldTreatConnectionResetAsTransientWithoutLeakingPhoneNumber() {
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> service.findActive(PHONE)).isInstanceOf(TalkdeskTransientException.class)
                .hasMessageNotContaining("912345678").hasNoCause();
    }

    @Test
    void shouldGiveUpOnAnAnswerWhoseBodyStallsAfterItsHeaders() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(callbackJson("cb-1", "UNATTEMPTED"))
                .withChunkedDribbleDelay(20, 30_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("a"))))
                .isInstanceOf(TalkdeskTransientException.class).hasMessageContaining("POST /schedule-callbacks");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the 3 s read timeout")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void shouldBoundATokenFetchWhoseBodyStalls() {
        talkdesk.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"slow\",\"expires_in\":600}")
                .withChunkedDribbleDelay(20, 30_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> service.findActive(PHONE)).isInstanceOf(TalkdeskTransientException.class)
                .hasMessageContaining("token endpoint");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void shouldStopAtTheJobsDeadlineInsteadOfTheLongerReadTimeout() {
        TalkdeskCallbackService patient = serviceWithReadTimeout(Duration.ofSeconds(60));
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).willReturn(okJson(page(1, 1))
                .withFixedDelay(30_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> JobDeadline.run(Duration.ofSeconds(3), () -> patient.findActive(PHONE)))
                .isInstanceOf(TalkdeskTransientException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 3 s budget, not the 60 s read timeout")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void shouldTreatSlowAnswerPastReadTimeoutAsTransient() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(callbackJson("cb-1", "UNATTEMPTED"))
                .withFixedDelay(15_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("a"))))
                .isInstanceOf(TalkdeskTransientException.class).hasMessageContaining("POST /schedule-callbacks");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void shouldNeverPutSecretOrTokenIntoExceptionMessages() {
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> service.schedule(request(AssignType.SPECIFIC_AGENT, List.of("a"))))
                .isInstanceOf(TalkdeskException.class)
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET).doesNotContain("token-1")
                        .doesNotContain("912345678"));
    }
}
