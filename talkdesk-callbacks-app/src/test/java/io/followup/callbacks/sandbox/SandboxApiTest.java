package io.followup.callbacks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.callbacks.app.RunningApp;
import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.talkdesk.api.CallbackPage;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.api.TalkdeskCallbacksApi;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sandbox speaks Talkdesk's contract over real HTTP: OAuth, paths, JSON, paging, rules and error shapes. */
@RunningApp
class SandboxApiTest {

    @Autowired
    SandboxProperties sandbox;
    @Autowired
    SandboxCallbackStore store;
    @Autowired
    TalkdeskCallbacksApi api;
    @Autowired
    AccessTokenProvider tokens;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private String token;

    private String url(String path) {
        return "http://localhost:" + port + "/talkdesk-sandbox" + path;
    }

    private record Answer(int status, String contentType, JsonNode json) {
    }

    private Answer call(String method, String path, String contentType, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private Answer token(String clientId, String secret, String grant) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return call("POST", "/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=" + grant + "&scope=schedule-callbacks%3Aread+schedule-callbacks%3Awrite", basic);
    }

    private Answer api(String method, String path, String contentType, String body) {
        return call(method, path, contentType, body, "Bearer " + token);
    }

    private static String future() {
        return Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String create(String phone) {
        Answer created = api("POST", "/schedule-callbacks", "application/json", """
                {"phone_number":"%s","scheduled_time_to_call":"%s","timezone":"Europe/Lisbon",
                 "assign_type":"SPECIFIC_AGENT","agents":[{"agent_id":"agent-ana"}],"caller_id":"+14155550100",
                 "dialing_model":"PREVIEW","notes":"hello"}""".formatted(phone, future()));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("callback_id").asText();
    }

    @BeforeEach
    void authenticate() {
        token = token(sandbox.getClientId(), sandbox.getClientSecret(), "client_credentials").json()
                .get("access_token").asText();
    }

    @Test
    void shouldGenerateItsClientSecretAtEachStartUnlessConfigured() {
        assertThat(sandbox.getClientSecret()).hasSizeGreaterThanOrEqualTo(30).isNotEqualTo("sandbox-secret");
        assertThat(token(sandbox.getClientId(), "sandbox-secret", "client_credentials").status()).isEqualTo(401);
    }

    @Test
    void shouldIssueBearerTokensOnlyForItsClientCredentials() {
        Answer ok = token(sandbox.getClientId(), sandbox.getClientSecret(), "client_credentials");
        assertThat(ok.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(ok.json().get("expires_in").asInt()).isEqualTo(600);

        Answer wrong = token(sandbox.getClientId(), "nope", "client_credentials");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(token(sandbox.getClientId(), sandbox.getClientSecret(), "password").json().get("error").asText())
                .isEqualTo("unsupported_grant_type");
    }

    @Test
    void shouldRefuseCallsWithoutValidToken() {
        Answer answer = call("GET", "/schedule-callbacks", null, null, "Bearer made-up");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void shouldCreateCallbackWithContractFields() {
        Answer created = api("POST", "/schedule-callbacks", "application/json", """
                {"phone_number":"+351911111111","scheduled_time_to_call":"%s","timezone":"Europe/Lisbon",
                 "assign_type":"SPECIFIC_RING_GROUP","ring_groups":[{"ring_group":"support-tier-2"}],
                 "caller_id":"+351210000000","dialing_model":"PREVIEW","interaction_id":"i-1"}""".formatted(future()));

        assertThat(created.status()).isEqualTo(201);
        JsonNode callback = created.json();
        assertThat(callback.get("status").asText()).isEqualTo("UNATTEMPTED");
        assertThat(callback.get("ring_groups").get(0).get("ring_group").asText()).isEqualTo("support-tier-2");
        assertThat(callback.get("origin").asText()).isEqualTo("API");
        assertThat(callback.get("interaction_id").asText()).isEqualTo("i-1");
    }

    @Test
    void shouldNameEveryBrokenRuleAtOnce() {
        Answer answer = api("POST", "/schedule-callbacks", "application/json", """
                {"phone_number":"912345678","scheduled_time_to_call":"2020-01-01T00:00:00Z","timezone":"Nowhere/X",
                 "assign_type":"SPECIFIC_AGENT","agents":[{"agent_id":"agent-zed"}],"caller_id":"+14155559999",
                 "dialing_model":"PREDICTIVE"}""");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("fields").findValuesAsText("name")).containsExactlyInAnyOrder("dialing_model",
                "phone_number", "caller_id", "scheduled_time_to_call", "timezone", "agents");
        assertThat(answer.json().has("code")).isTrue();
        assertThat(answer.json().has("message")).isTrue();
    }

    @Test
    void shouldAnswer400ForMissingFieldsAnd415ForWrongContentType() {
        assertThat(api("POST", "/schedule-callbacks", "application/json", "{}").status()).isEqualTo(400);
        assertThat(api("POST", "/schedule-callbacks", "text/plain", "x").status()).isEqualTo(415);
        assertThat(api("PATCH", "/schedule-callbacks/x", "application/json", "[]").json().get("code").asText())
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void shouldPageWithNextLinksAndFilterByEncodedPhoneAndStatus() {
        String phone = "+351913333333";
        String first = create(phone);
        create(phone);
        create(phone);
        api("DELETE", "/schedule-callbacks/" + first, null, null);

        Answer page1 = api("GET", "/schedule-callbacks?phone_number=%2B351913333333&per_page=1", null, null);
        assertThat(page1.contentType()).startsWith("application/hal+json");
        assertThat(page1.json().get("total").asInt()).isEqualTo(3);
        assertThat(page1.json().get("total_pages").asInt()).isEqualTo(3);
        assertThat(page1.json().get("_links").has("next")).isTrue();
        Answer page3 = api("GET", "/schedule-callbacks?phone_number=%2B351913333333&per_page=1&page=3", null, null);
        assertThat(page3.json().get("_links").has("next")).isFalse();
        assertThat(page3.json().get("_embedded").get("callbacks")).hasSize(1);

        Answer active = api("GET", "/schedule-callbacks?phone_number=%2B351913333333&status=UNATTEMPTED&per_page=50",
                null, null);
        assertThat(active.json().get("total").asInt()).isEqualTo(2);
        Answer defaultPage = api("GET", "/schedule-callbacks?phone_number=%2B351913333333", null, null);
        assertThat(defaultPage.json().get("per_page").asInt()).isEqualTo(1);
        assertThat(api("GET", "/schedule-callbacks?per_page=501", null, null).status()).isEqualTo(400);
    }

    @Test
    void shouldListEveryCallbackOfTheNumberWithoutAStatusOnOneCompletePage() throws Exception {
        String phone = "+351916666666";
        String waiting = create(phone);
        String canceled = create(phone);
        String called = create(phone);
        create("+351916666667");
        api("DELETE", "/schedule-callbacks/" + canceled, null, null);
        store.setStatus(called, "SUCCESS");

        Answer all = api("GET", "/schedule-callbacks?phone_number=%2B351916666666&page=1&per_page=500", null, null);

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asInt()).isEqualTo(3);
        assertThat(all.json().get("count").asInt()).isEqualTo(3);
        assertThat(all.json().get("per_page").asInt()).isEqualTo(500);
        assertThat(all.json().get("total_pages").asInt()).isEqualTo(1);
        assertThat(all.json().get("_links").has("next")).isFalse();
        assertThat(all.json().get("_embedded").get("callbacks")).extracting(c -> c.get("callback_id").asText() + " "
                + c.get("status").asText()).containsExactly(waiting + " UNATTEMPTED", canceled + " CANCELED",
                        called + " SUCCESS");
        CallbackPage page = TalkdeskClientFactory.objectMapper().treeToValue(all.json(), CallbackPage.class);
        assertThat(page.isComplete()).as("the client takes it as the whole history").isTrue();
    }

    @Test
    void shouldPageAnUnfilteredHistoryLongerThan500() throws Exception {
        String phone = "+351917777777";
        for (int i = 0; i < 501; i++) {
            store.setStatus(storeCreate(phone), i == 500 ? "TO_BE_RETRIED" : "EXHAUSTED");
        }

        Answer first = api("GET", "/schedule-callbacks?phone_number=%2B351917777777&page=1&per_page=500", null, null);
        Answer second = api("GET", "/schedule-callbacks?phone_number=%2B351917777777&page=2&per_page=500", null, null);

        assertThat(first.json().get("total").asInt()).isEqualTo(501);
        assertThat(first.json().get("count").asInt()).isEqualTo(500);
        assertThat(first.json().get("total_pages").asInt()).isEqualTo(2);
        assertThat(first.json().get("_links").get("next").get("href").asText()).contains("page=2");
        assertThat(TalkdeskClientFactory.objectMapper().treeToValue(first.json(), CallbackPage.class).isComplete())
                .isFalse();
        assertThat(second.json().get("count").asInt()).isEqualTo(1);
        assertThat(second.json().get("_links").has("next")).isFalse();
        assertThat(second.json().get("_embedded").get("callbacks").get(0).get("status").asText())
                .isEqualTo("TO_BE_RETRIED");
    }

    @Test
    void shouldAnswerTheClientsLookForActiveCallbacksWithOneRequestForAShortHistory() {
        String phone = "+351918888888";
        String waiting = create(phone);
        String retried = create(phone);
        store.setStatus(retried, "TO_BE_RETRIED");
        store.setStatus(create(phone), "CANCELED");
        List<String> lists = new java.util.concurrent.CopyOnWriteArrayList<>();

        List<CallbackResource> active = recordingLists(lists).findActive(phone);

        assertThat(active).extracting(CallbackResource::callbackId).containsExactly(waiting, retried);
        assertThat(lists).containsExactly("null 1/500");
    }

    @Test
    void shouldAnswerTheClientsLookForActiveCallbacksByStatusForALongHistory() {
        String phone = "+351919999998";
        for (int i = 0; i < 500; i++) {
            store.setStatus(storeCreate(phone), "SUCCESS");
        }
        String waiting = storeCreate(phone); // the 501st: on page 2 of the unfiltered list
        List<String> lists = new java.util.concurrent.CopyOnWriteArrayList<>();

        List<CallbackResource> active = recordingLists(lists).findActive(phone);

        assertThat(active).extracting(CallbackResource::callbackId).containsExactly(waiting);
        assertThat(lists).as("the unfiltered page, then one page of each status").hasSize(3)
                .startsWith("null 1/500").contains("UNATTEMPTED 1/100", "TO_BE_RETRIED 1/100");
    }

    /**
     * The app's client on the sandbox (its page size, 100), noting each list it asks for as
     * {@code "status page/per_page"}: this test's requests only, whatever else the app sends meanwhile.
     */
    private TalkdeskCallbackService recordingLists(List<String> lists) {
        TalkdeskCallbacksApi recording = new TalkdeskCallbacksApi() {
            @Override
            public CallbackPage list(String phoneNumber, String status, int page, int perPage) {
                lists.add(status + " " + page + "/" + perPage);
                return api.list(phoneNumber, status, page, perPage);
            }

            @Override
            public CallbackResource create(io.followup.callbacks.talkdesk.api.NewCallback callback) {
                return api.create(callback);
            }

            @Override
            public CallbackResource update(String callbackId,
                    List<io.followup.callbacks.talkdesk.api.PatchOperation> patch) {
                return api.update(callbackId, patch);
            }

            @Override
            public void cancel(String callbackId) {
                api.cancel(callbackId);
            }
        };
        return new TalkdeskCallbackService(recording, tokens, 100, 500);
    }

    /** A callback booked straight into the sandbox's store (no HTTP round trip: for long histories). */
    private String storeCreate(String phone) {
        return (String) store.create(Map.of("phone_number", phone, "scheduled_time_to_call", future(), "timezone",
                "Europe/Lisbon", "assign_type", "SPECIFIC_AGENT", "agents", List.of(Map.of("agent_id",
                        "agent-ana")), "caller_id", "+14155550100", "dialing_model", "PREVIEW")).get("callback_id");
    }

    @Test
    void shouldPatchWithJsonPatchAndRefuseBadPatches() {
        String id = create("+351914444444");

        Answer patched = api("PATCH", "/schedule-callbacks/" + id, "application/json-patch+json", """
                [{"op":"replace","path":"/agents","value":["agent-bruno"]},
                 {"op":"replace","path":"/notes","value":"moved"}]""");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("agents").get(0).get("agent_id").asText()).isEqualTo("agent-bruno");
        assertThat(patched.json().get("notes").asText()).isEqualTo("moved");

        assertThat(api("PATCH", "/schedule-callbacks/" + id, "application/json-patch+json",
                "[{\"op\":\"remove\",\"path\":\"/notes\"}]").status()).isEqualTo(400);
        assertThat(api("PATCH", "/schedule-callbacks/" + id, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/agents\",\"value\":[\"agent-zed\"]}]").status()).isEqualTo(422);
        assertThat(api("PATCH", "/schedule-callbacks/unknown", "application/json-patch+json", "[]").status())
                .isEqualTo(404);
        api("DELETE", "/schedule-callbacks/" + id, null, null);
        assertThat(api("PATCH", "/schedule-callbacks/" + id, "application/json-patch+json", "[]").status())
                .isEqualTo(409);
    }

    @Test
    void shouldCancelOnceThenAnswerConflict() {
        String id = create("+351915555555");

        assertThat(api("DELETE", "/schedule-callbacks/" + id, null, null).status()).isEqualTo(204);
        assertThat(api("DELETE", "/schedule-callbacks/" + id, null, null).status()).isEqualTo(409);
        assertThat(api("DELETE", "/schedule-callbacks/unknown", null, null).status()).isEqualTo(404);
    }
}
