package io.followup.callbacks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.callbacks.cluster.FaultInjectingProxy.Fault;
import io.followup.callbacks.process.SupportFollowUpProcess.Elements;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.testing.PostgresDatabase;
import io.followup.callbacks.testing.RequiresPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two engine nodes (separate JVMs) on one PostgreSQL database, booking through a proxy that breaks Talkdesk calls
 * on purpose, against the Talkdesk emulation in a third JVM. Follow-ups for the same number arrive on both nodes at
 * once; a node is killed with SIGKILL in the middle and started again; tokens are revoked mid-run and expire every
 * few seconds; 429 storms come and go. Every follow-up must end booked, every number with exactly one active
 * callback, and no incident. A follow-up whose retries run out on purpose becomes an incident, and retrying it (what
 * Cockpit's Retry does) finishes it without a second callback. A ticket posted to both nodes at once starts one
 * follow-up.
 */
@RequiresPostgres
class ClusterFaultTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK_DAY = LocalDate.now().plusDays(2).toString();

    private static PostgresDatabase database;
    private static AppProcess talkdesk;
    private static FaultInjectingProxy proxy;
    private static AppProcess nodeA;
    private static AppProcess nodeB;

    @BeforeAll
    static void startCluster() throws IOException {
        database = PostgresDatabase.create();
        talkdesk = AppProcess.start("talkdesk", List.of(
                "--spring.datasource.url=jdbc:h2:mem:talkdesk",
                "--camunda.bpm.job-execution.enabled=false",
                "--talkdesk.sandbox.enabled=true",
                "--talkdesk.sandbox.client-secret=sandbox-secret",
                "--talkdesk.sandbox.token-ttl=4s",
                "--talkdesk.sandbox.latency=100ms",
                "--talkdesk.sandbox.default-per-page=2"));
        proxy = new FaultInjectingProxy(talkdesk.url());
        List<String> node = List.of(
                "--spring.profiles.active=postgres",
                "--POSTGRES_URL=" + database.url(),
                "--POSTGRES_USER=" + database.user(),
                "--talkdesk.sandbox.enabled=false",
                "--talkdesk.api.base-url=" + proxy.url() + "/talkdesk-sandbox",
                "--talkdesk.auth.token-url=" + proxy.url() + "/talkdesk-sandbox/oauth/token",
                "--talkdesk.auth.client-id=sandbox-client",
                "--talkdesk.auth.client-secret=sandbox-secret",
                "--talkdesk.auth.refresh-before-expiry=1s",
                "--talkdesk.api.read-timeout=2s",
                "--talkdesk.api.page-size=2",
                "--talkdesk.retry.cycle=R8/PT1S",
                "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000");
        // one after the other: the first creates the schema, the admin user and the deployment
        nodeA = AppProcess.start("node-a", node);
        nodeB = AppProcess.start("node-b", node);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, proxy, talkdesk}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void calmTalkdesk() {
        proxy.reset();
    }

    @Test
    void shouldBookEveryFollowUpOnceWithOneActiveCallbackPerNumberThroughFaultsAndACrash() throws Exception {
        proxy.faultRate(0.12);
        proxy.rateLimitedRate(0.05);
        Map<String, String> phoneOfTicket = new HashMap<>();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            String phone = String.format("+3519120%05d", n);
            for (int copy = 0; copy < 3; copy++) {
                String ticket = "C-" + n + "-" + copy;
                phoneOfTicket.put(ticket, phone);
                AppProcess node = copy == 1 ? nodeB : nodeA;
                String body = followUp(ticket, phone, String.format("%sT%02d:%02d", CALLBACK_DAY, 9 + copy, n));
                posts.add(CompletableFuture.supplyAsync(() -> node.call("POST", "/api/follow-ups", body)));
            }
        }
        for (CompletableFuture<HttpResponse<String>> post : posts) {
            assertThat(post.get().statusCode()).as(post.get().body()).isEqualTo(202);
        }

        String lockOwnerA = JSON.readTree(nodeA.call("GET", "/actuator/health/detail", null).body())
                .at("/components/jobExecutor/details/jobExecutor/lockOwner").asText();
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        await("node A to be working on follow-ups", Duration.ofSeconds(60), () -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ = ?", Integer.class, lockOwnerA) >= 2);
        nodeA.kill(); // in the middle of its jobs: their locks outlive it, node B takes them over when they expire
        proxy.rateLimitedRate(0.6); // a 429 storm while node A is down
        assertThat(talkdesk.call("POST", "/talkdesk-sandbox/admin/tokens/revocation", null).statusCode())
                .isEqualTo(204);
        AppProcess.sleep(3000);
        proxy.rateLimitedRate(0.05);
        nodeA.restart();

        await("all 60 follow-ups to be booked", Duration.ofSeconds(240), () -> count(
                "/engine-rest/process-instance/count?businessKeyLike=C-%25&activityIdIn="
                        + Elements.GATEWAY_AWAIT_CALLBACK) == 60);

        assertThat(count("/engine-rest/process-instance/count?businessKeyLike=C-%25"))
                .as("no follow-up lost").isEqualTo(60);
        assertThat(count("/engine-rest/incident/count")).as("no incident").isZero();
        Map<String, String> activeByPhone = activeCallbacksByPhone();
        assertThat(activeByPhone).as("exactly one active callback per number").hasSize(20);
        Map<String, String> callbackOfTicket = variableByTicket("callbackId");
        Map<String, String> statusOfTicket = variableByTicket("callbackStatus");
        for (Map.Entry<String, String> ticket : phoneOfTicket.entrySet()) {
            assertThat(callbackOfTicket.get(ticket.getKey())).as("callback of " + ticket.getKey())
                    .isEqualTo(activeByPhone.get(ticket.getValue()));
            assertThat(statusOfTicket.get(ticket.getKey())).isIn(Status.SCHEDULED, Status.UPDATED);
        }
        System.out.printf("cluster test: %d calls reached Talkdesk; injected %s%n", proxy.forwarded(),
                java.util.Arrays.stream(Fault.values()).map(f -> f + "=" + proxy.injected(f)).toList());
        for (Fault fault : Fault.values()) {
            assertThat(proxy.injected(fault)).as("injected " + fault).isPositive();
        }
    }

    @Test
    void shouldTurnExhaustedRetriesIntoAnIncidentThatRetryFinishesWithoutADuplicate() throws Exception {
        String phone = "+351913999001";
        proxy.loseNextCreateThenFailEverything();
        HttpResponse<String> started = nodeB.call("POST", "/api/follow-ups",
                followUp("X-1", phone, CALLBACK_DAY + "T16:00"));
        assertThat(started.statusCode()).isEqualTo(202);
        String instance = JSON.readTree(started.body()).get("processInstanceId").asText();

        await("an incident", Duration.ofSeconds(120),
                () -> count("/engine-rest/incident/count?processInstanceId=" + instance) == 1);
        assertThat(callbacksOf(phone)).hasSize(1);

        proxy.down(false);
        JsonNode job = JSON.readTree(nodeB.call("GET", "/engine-rest/job?processInstanceId=" + instance, null)
                .body()).get(0);
        assertThat(job.get("retries").asInt()).isZero();
        assertThat(nodeB.call("PUT", "/engine-rest/job/" + job.get("id").asText() + "/retries",
                "{\"retries\":1}").statusCode()).isEqualTo(204);

        await("the retried follow-up to be booked", Duration.ofSeconds(60), () -> count(
                "/engine-rest/execution/count?activityId=" + Elements.GATEWAY_AWAIT_CALLBACK
                        + "&processInstanceId=" + instance) == 1);
        List<JsonNode> callbacks = callbacksOf(phone);
        assertThat(callbacks).as("no duplicate after the retry").hasSize(1);
        assertThat(variableByTicket("callbackId").get("X-1")).isEqualTo(callbacks.get(0).get("callback_id").asText());
        assertThat(count("/engine-rest/incident/count?processInstanceId=" + instance)).isZero();
    }

    @Test
    void shouldStartOneFollowUpPerTicketWhenItIsPostedToBothNodesAtOnce() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> onA = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> onB = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            String body = followUp("D-" + n, String.format("+35191300%04d", n), CALLBACK_DAY + "T14:00");
            onA.add(CompletableFuture.supplyAsync(() -> nodeA.call("POST", "/api/follow-ups", body)));
            onB.add(CompletableFuture.supplyAsync(() -> nodeB.call("POST", "/api/follow-ups", body)));
        }
        for (int n = 0; n < 10; n++) {
            HttpResponse<String> a = onA.get(n).get();
            HttpResponse<String> b = onB.get(n).get();
            assertThat(List.of(a.statusCode(), b.statusCode())).as("D-" + n + ": " + a.body() + " / " + b.body())
                    .containsExactlyInAnyOrder(200, 202);
            assertThat(JSON.readTree(a.body()).get("processInstanceId"))
                    .isEqualTo(JSON.readTree(b.body()).get("processInstanceId"));
        }
        assertThat(count("/engine-rest/process-instance/count?businessKeyLike=D-%25")).isEqualTo(10);
    }

    private static String followUp(String ticket, String phone, String localTime) {
        return "{\"ticketId\":\"" + ticket + "\",\"phoneNumber\":\"" + phone + "\",\"callbackTime\":\"" + localTime
                + "\",\"timezone\":\"Europe/Lisbon\",\"notes\":\"cluster test\"}";
    }

    private static long count(String path) {
        try {
            return JSON.readTree(nodeB.call("GET", path, null).body()).get("count").asLong();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> sandboxCallbacks() {
        try {
            List<JsonNode> all = new ArrayList<>();
            JSON.readTree(talkdesk.call("GET", "/talkdesk-sandbox/admin/callbacks", null).body()).forEach(all::add);
            return all;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> callbacksOf(String phone) {
        return sandboxCallbacks().stream().filter(c -> phone.equals(c.get("phone_number").asText())).toList();
    }

    private static Map<String, String> activeCallbacksByPhone() {
        Map<String, List<String>> active = sandboxCallbacks().stream()
                .filter(c -> List.of("UNATTEMPTED", "TO_BE_RETRIED").contains(c.get("status").asText()))
                .filter(c -> c.get("phone_number").asText().startsWith("+3519120"))
                .collect(Collectors.groupingBy(c -> c.get("phone_number").asText(),
                        Collectors.mapping(c -> c.get("callback_id").asText(), Collectors.toList())));
        active.forEach((phone, ids) -> assertThat(ids).as("active callbacks of " + phone).hasSize(1));
        return active.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
    }

    private static Map<String, String> variableByTicket(String variable) throws IOException {
        Map<String, String> ticketOfInstance = new HashMap<>();
        JSON.readTree(nodeB.call("GET", "/engine-rest/process-instance?processDefinitionKey=support-follow-up", null)
                .body()).forEach(i -> ticketOfInstance.put(i.get("id").asText(), i.get("businessKey").asText()));
        Map<String, String> values = new HashMap<>();
        JSON.readTree(nodeB.call("GET", "/engine-rest/variable-instance?variableName=" + variable, null).body())
                .forEach(v -> values.put(ticketOfInstance.get(v.get("processInstanceId").asText()),
                        v.get("value").asText()));
        return values;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            AppProcess.sleep(500);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for " + what);
    }
}
