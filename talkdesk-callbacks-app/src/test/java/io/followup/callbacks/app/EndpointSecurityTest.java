package io.followup.callbacks.app;

import static io.followup.callbacks.app.AppTestSupport.followUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.process.SupportFollowUpProcess.Groups;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the app against every kind of caller: anonymous, a support system's webhook user (group
 * {@code followUpClients}), a supervisor and the admin. An endpoint of ours that is missing from the table fails the
 * test, so a new one cannot slip in unguarded.
 */
@RunningApp
class EndpointSecurityTest {

    private static final String SUPERVISOR = "supervisorSam";
    private static final String SUPERVISOR_PASSWORD = "test-supervisor-password";
    private static final String JSON = "application/json";

    /** One row: a request and the status each caller gets (anonymous, webhook client, supervisor, admin). */
    private record Row(String method, String pattern, String path, String contentType, Function<String, String> body,
            int anonymous, int webhook, int supervisor, int admin) {
    }

    private static final List<Row> TABLE = List.of(
            new Row("POST", "/api/follow-ups", "/api/follow-ups", JSON,
                    caller -> followUp("T-SEC-" + caller,
                            String.format("+35191555%04d", Math.abs(caller.hashCode() % 10_000)), null),
                    401, 202, 403, 202),
            new Row("POST", "/api/follow-ups/{ticketId}/cancellation", "/api/follow-ups/T-SEC-NONE/cancellation",
                    JSON, caller -> "", 401, 404, 403, 404),
            new Row("GET", "/engine-rest/**", "/engine-rest/process-definition/count", null, null,
                    401, 200, 200, 200),
            new Row("POST", "/engine-rest/**", "/engine-rest/deployment/create", "multipart/form-data; boundary=x",
                    EndpointSecurityTest::deployment, 401, 403, 403, 200),
            new Row("GET", "/actuator/health", "/actuator/health", null, null, 200, 200, 200, 200),
            new Row("GET", "/actuator/health/detail", "/actuator/health/detail", null, null, 401, 200, 200, 200),
            new Row("GET", "/actuator/prometheus", "/actuator/prometheus", null, null, 401, 200, 200, 200),
            new Row("GET", "/actuator/metrics", "/actuator/metrics", null, null, 401, 200, 200, 200),
            new Row("GET", "/talkdesk-sandbox/admin/callbacks", "/talkdesk-sandbox/admin/callbacks", null, null,
                    401, 403, 403, 200),
            new Row("DELETE", "/talkdesk-sandbox/admin/callbacks", "/talkdesk-sandbox/admin/callbacks", null, null,
                    401, 403, 403, -1),
            new Row("POST", "/talkdesk-sandbox/admin/callbacks/{callbackId}/status",
                    "/talkdesk-sandbox/admin/callbacks/none/status", JSON, caller -> "{\"status\":\"EXHAUSTED\"}",
                    401, 403, 403, 404),
            new Row("POST", "/talkdesk-sandbox/admin/tokens/revocation", "/talkdesk-sandbox/admin/tokens/revocation",
                    null, null, 401, 403, 403, -1),
            new Row("POST", "/talkdesk-sandbox/admin/outage", "/talkdesk-sandbox/admin/outage", JSON,
                    caller -> "{\"status\":503,\"seconds\":1}", 401, 403, 403, -1),
            new Row("DELETE", "/talkdesk-sandbox/admin/outage", "/talkdesk-sandbox/admin/outage", null, null,
                    401, 403, 403, 204),
            // the Cockpit tab's resource takes a webapp session (CockpitTabTest), never HTTP Basic
            new Row("GET", "/camunda/api/cockpit/plugin/talkdesk-callbacks/{engine}/follow-ups/{id}",
                    "/camunda/api/cockpit/plugin/talkdesk-callbacks/default/follow-ups/none", null, null,
                    401, 401, 401, 401),
            new Row("POST", "/talkdesk-sandbox/oauth/token", "/talkdesk-sandbox/oauth/token",
                    "application/x-www-form-urlencoded", caller -> "grant_type=client_credentials", 401, 401, 401, 401),
            new Row("GET", "/talkdesk-sandbox/schedule-callbacks", "/talkdesk-sandbox/schedule-callbacks", null, null,
                    401, 401, 401, 401),
            new Row("POST", "/talkdesk-sandbox/schedule-callbacks", "/talkdesk-sandbox/schedule-callbacks", JSON,
                    caller -> "{}", 401, 401, 401, 401),
            new Row("PATCH", "/talkdesk-sandbox/schedule-callbacks/{callbackId}",
                    "/talkdesk-sandbox/schedule-callbacks/none", "application/json-patch+json", caller -> "[]",
                    401, 401, 401, 401),
            new Row("DELETE", "/talkdesk-sandbox/schedule-callbacks/{callbackId}",
                    "/talkdesk-sandbox/schedule-callbacks/none", null, null, 401, 401, 401, 401));

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @BeforeEach
    void supervisor() {
        if (identityService.createUserQuery().userId(SUPERVISOR).count() == 0) {
            User user = identityService.newUser(SUPERVISOR);
            user.setPassword(SUPERVISOR_PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(SUPERVISOR, Groups.SUPERVISORS);
        }
    }

    @Test
    void shouldGiveEachCallerExactlyTheAnswerTheTableSays() {
        List<String> wrong = new ArrayList<>();
        for (Row row : TABLE) {
            check(row, "anonymous", null, row.anonymous(), wrong);
            check(row, "webhook client", AppTestSupport.WEBHOOK_USER + ":" + AppTestSupport.WEBHOOK_PASSWORD,
                    row.webhook(), wrong);
            check(row, "supervisor", SUPERVISOR + ":" + SUPERVISOR_PASSWORD, row.supervisor(), wrong);
            if (row.admin() > 0) {
                check(row, "admin", AppTestSupport.ADMIN + ":" + AppTestSupport.PASSWORD, row.admin(), wrong);
            }
        }
        assertThat(wrong).as("answers that differ from the table").isEmpty();
    }

    @Test
    void shouldLetTheWebhookClientReadNothingThroughTheEngineRestApi() {
        String client = AppTestSupport.WEBHOOK_USER + ":" + AppTestSupport.WEBHOOK_PASSWORD;
        for (String path : List.of("/engine-rest/process-definition/count", "/engine-rest/process-instance/count",
                "/engine-rest/task/count", "/engine-rest/history/process-instance/count",
                "/engine-rest/deployment/count")) {
            AppTestSupport.Answer answer = AppTestSupport.sendAs("GET", url(path), null, null, client);
            assertThat(answer.json().get("count").asInt()).as(path).isZero();
        }
        assertThat(AppTestSupport.sendAs("GET", url("/engine-rest/user/count"), null, null, client).json()
                .get("count").asInt()).as("the users it can see: itself").isEqualTo(1);
        AppTestSupport.Answer definitions = AppTestSupport.sendAs("GET",
                url("/engine-rest/process-definition/count"), null, null, SUPERVISOR + ":" + SUPERVISOR_PASSWORD);
        assertThat(definitions.json().get("count").asInt()).as("a supervisor reads the follow-ups' definition")
                .isPositive();
    }

    @Test
    void shouldCoverEveryEndpointOfOursInTheTable() {
        Set<String> ours = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream()
                .filter(pattern -> !pattern.equals("/error"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(http -> ours.add(http.name() + " " + pattern))));
        Set<String> covered = new TreeSet<>();
        TABLE.forEach(row -> covered.add(row.method() + " " + row.pattern()));
        assertThat(covered).as("add the new endpoint to TABLE with the answer each caller gets").containsAll(ours);
    }

    /** A multipart deployment of a small, not executable model named after {@code caller}. */
    private static String deployment(String caller) {
        return "--x\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsec-" + caller + "\r\n"
                + "--x\r\nContent-Disposition: form-data; name=\"data\"; filename=\"sec-" + caller + ".bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"sec\">"
                + "<process id=\"sec-" + caller + "\" isExecutable=\"false\"/></definitions>\r\n--x--\r\n";
    }

    private void check(Row row, String callerName, String credentials, int expected, List<String> wrong) {
        byte[] body = row.body() == null ? null
                : row.body().apply(callerName.replace(" ", "")).getBytes(StandardCharsets.UTF_8);
        AppTestSupport.Answer answer = AppTestSupport.sendAs(row.method(), url(row.path()), row.contentType(), body,
                credentials);
        if (answer.status() != expected) {
            wrong.add(row.method() + " " + row.path() + " as " + callerName + ": " + answer.status() + ", expected "
                    + expected);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
