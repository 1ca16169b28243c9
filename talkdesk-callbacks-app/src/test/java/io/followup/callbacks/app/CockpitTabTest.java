package io.followup.callbacks.app;

import static io.followup.callbacks.app.AppTestSupport.await;
import static io.followup.callbacks.app.AppTestSupport.followUp;
import static io.followup.callbacks.app.AppTestSupport.postJson;
import static io.followup.callbacks.app.AppTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.followup.callbacks.process.SupportFollowUpProcess.Elements;
import io.followup.callbacks.process.SupportFollowUpProcess.Groups;
import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Cockpit tab's REST resource ({@code /camunda/api/cockpit/plugin/talkdesk-callbacks/default/follow-ups/{id}})
 * in the running app, called as the tab calls it: in a webapp session, writes with the CSRF header. Every answer:
 * the view with Talkdesk's live status, 401, 403 for reading and for acting, 404, Talkdesk down, no callback, the
 * reschedule (400 per field, 409, 202 and the new time in Talkdesk) and the cancellation.
 */
@RunningApp
class CockpitTabTest {

    private static final String TAB = "/camunda/api/cockpit/plugin/talkdesk-callbacks/default/follow-ups/";
    private static final String SUPERVISOR = "tabSupervisor";
    private static final String OUTSIDER = "tabOutsider";
    private static final String PASSWORD = "test-tab-password";
    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    HistoryService historyService;

    @Autowired
    IdentityService identityService;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    AuthorizationService authorizationService;

    @BeforeEach
    void users() {
        user(SUPERVISOR, Groups.SUPERVISORS);
        user(OUTSIDER, null);
    }

    private void user(String id, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            if (group != null) {
                identityService.createMembership(id, group);
            }
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private CockpitSession admin() {
        CockpitSession session = new CockpitSession(port);
        assertThat(session.login(AppTestSupport.ADMIN, AppTestSupport.PASSWORD, "cockpit")).isEqualTo(200);
        return session;
    }

    private static String phone() {
        return String.format("+35191%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private Object variable(String instanceId, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId).variableName(name)
                .list().stream().filter(v -> instanceId.equals(v.getActivityInstanceId())).findFirst()
                .map(v -> v.getValue()).orElse(null);
    }

    private boolean waiting(String instanceId) {
        return runtimeService.createExecutionQuery().processInstanceId(instanceId)
                .activityId(Elements.GATEWAY_AWAIT_CALLBACK).count() > 0;
    }

    private String bookedFollowUp(String ticketId) {
        return bookedFollowUp(ticketId, null);
    }

    private String bookedFollowUp(String ticketId, String extra) {
        AppTestSupport.Answer started = postJson(base() + "/api/follow-ups", followUp(ticketId, phone(), extra));
        assertThat(started.status()).isEqualTo(202);
        String instanceId = started.json().get("processInstanceId").asText();
        await("the callback of " + ticketId, () -> variable(instanceId, Variables.CALLBACK_ID) != null
                && waiting(instanceId));
        return instanceId;
    }

    private String followUpInReview(String ticketId) {
        String instanceId = postJson(base() + "/api/follow-ups", followUp(ticketId, phone(),
                "\"callerId\":\"+351219999999\"")).json().get("processInstanceId").asText();
        await("the review task", () -> runtimeService.createExecutionQuery().processInstanceId(instanceId)
                .activityId(Elements.TASK_REVIEW).count() > 0);
        return instanceId;
    }

    private JsonNode sandboxCallback(String callbackId) {
        for (JsonNode callback : send("GET", base() + "/talkdesk-sandbox/admin/callbacks", null, null, true).json()) {
            if (callback.get("callback_id").asText().equals(callbackId)) {
                return callback;
            }
        }
        throw new AssertionError("the sandbox has no callback " + callbackId);
    }

    @Test
    void shouldShowTheCallbackAsTalkdeskListsItNowNextToWhatTheFollowUpStored() {
        String instanceId = bookedFollowUp("T-TAB-VIEW");
        String callbackId = (String) variable(instanceId, Variables.CALLBACK_ID);

        AppTestSupport.Answer answer = admin().get(TAB + instanceId);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode view = answer.json();
        assertThat(view.get("ticketId").asText()).isEqualTo("T-TAB-VIEW");
        assertThat(view.get("callbackId").asText()).isEqualTo(callbackId);
        assertThat(view.get("phoneNumber").asText()).as("the customer's number, masked").contains("*****");
        assertThat(view.get("liveError").isNull()).isTrue();
        JsonNode live = view.get("live");
        assertThat(live.get("status").asText()).isEqualTo("UNATTEMPTED");
        assertThat(live.get("fetchedAt").asText()).isNotBlank();
        assertThat(live.get("assignType").asText()).isEqualTo("SPECIFIC_RING_GROUP");
        assertThat(live.get("assignees").get(0).asText()).isEqualTo("support-tier-1");
        assertThat(live.get("callerId").asText()).isEqualTo("+14155550100");
        JsonNode stored = view.get("stored");
        assertThat(stored.get("status").asText()).isEqualTo(Status.SCHEDULED);
        Instant booked = Instant.parse((String) variable(instanceId, Variables.CALLBACK_SCHEDULED_TIME));
        assertThat(stored.get("scheduledTime").get("utc").asText()).isEqualTo(booked.toString());
        assertThat(stored.get("scheduledTime").get("localShown").asText()).endsWith("Europe/Lisbon")
                .startsWith(booked.atZone(LISBON).toLocalDate().toString());
        assertThat(live.get("scheduledTime").get("utc").asText()).isEqualTo(booked.toString());
        assertThat(view.get("history").get(0).get("operation").asText()).isEqualTo("list active callbacks");
        assertThat(view.get("history").findValuesAsText("operation")).contains("create callback");
        assertThat(view.get("actions").get("reschedule").asBoolean()).isTrue();
        assertThat(view.get("actions").get("cancel").asBoolean()).isTrue();
    }

    @Test
    void shouldAskTalkdeskAtMostOnceEveryFewSecondsPerFollowUp() {
        String instanceId = bookedFollowUp("T-TAB-CACHE");
        CockpitSession admin = admin();

        JsonNode first = admin.get(TAB + instanceId).json().get("live");
        JsonNode second = admin.get(TAB + instanceId).json().get("live");

        assertThat(first.get("cached").asBoolean()).isFalse();
        assertThat(second.get("cached").asBoolean()).isTrue();
        assertThat(second.get("fetchedAt").asText()).isEqualTo(first.get("fetchedAt").asText());
    }

    @Test
    void shouldShowTheStoredStateAndWhyTheLiveStatusIsMissingWhenTalkdeskIsDown() {
        String instanceId = bookedFollowUp("T-TAB-DOWN");
        AppTestSupport.Answer outage = postJson(base() + "/talkdesk-sandbox/admin/outage",
                "{\"status\":503,\"seconds\":30}");
        assertThat(outage.status()).isEqualTo(200);
        try {
            AppTestSupport.Answer answer = admin().get(TAB + instanceId);

            assertThat(answer.status()).isEqualTo(200);
            JsonNode view = answer.json();
            assertThat(view.get("liveError").asText()).matches("Talkdesk not reachable \\(HTTP 503 at \\d\\d:\\d\\d UTC\\)");
            assertThat(view.get("live").isNull()).isTrue();
            assertThat(view.get("stored").get("status").asText()).isEqualTo(Status.SCHEDULED);
            assertThat(view.get("callbackId").asText()).isEqualTo(variable(instanceId, Variables.CALLBACK_ID));
        } finally {
            assertThat(send("DELETE", base() + "/talkdesk-sandbox/admin/outage", null, null, true).status())
                    .isEqualTo(204);
        }
    }

    @Test
    void shouldSayWhyThereIsNoCallbackWhenTalkdeskRefusedTheBooking() {
        String instanceId = followUpInReview("T-TAB-NONE");

        AppTestSupport.Answer answer = admin().get(TAB + instanceId);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode view = answer.json();
        assertThat(view.get("callbackId").isNull()).isTrue();
        assertThat(view.get("live").isNull()).isTrue();
        assertThat(view.get("noCallback").asText()).startsWith("no callback booked yet: the request was refused "
                + "(CALLBACK_REJECTED").contains("Review callback request");
        assertThat(view.get("rejection").get("code").asText()).isEqualTo("CALLBACK_REJECTED");
        assertThat(view.get("rejection").get("message").asText()).contains("Caller ID");
        assertThat(view.get("history").findValuesAsText("status")).anyMatch(s -> s.startsWith("ended by a business "
                + "error"));
        assertThat(view.get("actions").get("reschedule").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseAnonymousCallersWith401() {
        String instanceId = bookedFollowUp("T-TAB-ANON");
        CockpitSession anonymous = new CockpitSession(port);

        assertThat(anonymous.get(TAB + instanceId).status()).isEqualTo(401);
        assertThat(anonymous.post(TAB + instanceId + "/cancellation", "{}").status()).isEqualTo(401);
        assertThat(waiting(instanceId)).isTrue();
    }

    @Test
    void shouldAnswerUsersWithoutReadOnTheFollowUpAsIfItDidNotExist() {
        String instanceId = bookedFollowUp("T-TAB-OUT");
        CockpitSession outsider = new CockpitSession(port);
        assertThat(outsider.login(OUTSIDER, PASSWORD, "welcome")).isEqualTo(200);

        AppTestSupport.Answer answer = outsider.get(TAB + instanceId);
        AppTestSupport.Answer cancel = outsider.post(TAB + instanceId + "/cancellation", "{}");

        assertThat(answer.status()).as("no existence oracle").isEqualTo(404);
        assertThat(answer.body()).doesNotContain("callbackId");
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(outsider.get(TAB + "no-such-instance").json().get("message").asText())
                .isEqualTo(answer.json().get("message").asText().replace(instanceId, "no-such-instance"));
        assertThat(waiting(instanceId)).isTrue();
    }

    @Test
    void shouldShowAFollowUpOfATenantOnlyToMembersOfThatTenant() {
        repositoryService.createDeployment().tenantId("tenantB").addModelInstance("tenant-probe.bpmn",
                Bpmn.createExecutableProcess("tenant-probe").camundaHistoryTimeToLive(1).startEvent().userTask()
                        .endEvent().done()).deploy();
        String instanceId = runtimeService.createProcessInstanceByKey("tenant-probe").processDefinitionTenantId(
                "tenantB").businessKey("T-TENANT").execute().getId();
        for (String tenant : new String[] {"tenantA", "tenantB"}) {
            String userId = "reader" + tenant;
            user(userId, null);
            if (identityService.createTenantQuery().tenantId(tenant).count() == 0) {
                identityService.saveTenant(identityService.newTenant(tenant));
            }
            if (identityService.createTenantQuery().userMember(userId).tenantId(tenant).count() == 0) {
                identityService.createTenantUserMembership(tenant, userId);
            }
            Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setUserId(userId);
            grant.setResource(Resources.PROCESS_DEFINITION);
            grant.setResourceId("tenant-probe");
            grant.addPermission(ProcessDefinitionPermissions.READ_INSTANCE);
            authorizationService.saveAuthorization(grant);
        }
        CockpitSession otherTenant = new CockpitSession(port);
        assertThat(otherTenant.login("readertenantA", PASSWORD, "welcome")).isEqualTo(200);
        CockpitSession sameTenant = new CockpitSession(port);
        assertThat(sameTenant.login("readertenantB", PASSWORD, "welcome")).isEqualTo(200);

        assertThat(otherTenant.get(TAB + instanceId).status()).isEqualTo(404);
        assertThat(sameTenant.get(TAB + instanceId).status()).isEqualTo(200);
    }

    @Test
    void shouldLetASupervisorReadButNotActWithout403sForTheActions() {
        String instanceId = bookedFollowUp("T-TAB-SUP");
        CockpitSession supervisor = new CockpitSession(port);
        assertThat(supervisor.login(SUPERVISOR, PASSWORD, "tasklist")).isEqualTo(200);

        AppTestSupport.Answer view = supervisor.get(TAB + instanceId);
        AppTestSupport.Answer reschedule = supervisor.post(TAB + instanceId + "/reschedule",
                "{\"callbackTime\":\"" + LocalDateTime.now(LISBON).plusDays(2).truncatedTo(ChronoUnit.MINUTES) + "\"}");
        AppTestSupport.Answer cancel = supervisor.post(TAB + instanceId + "/cancellation", "{}");

        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().get("actions").get("mayUpdate").asBoolean()).isFalse();
        assertThat(reschedule.status()).isEqualTo(403);
        assertThat(reschedule.json().get("message").asText()).contains("UPDATE");
        assertThat(cancel.status()).isEqualTo(403);
        assertThat(waiting(instanceId)).as("nothing changed").isTrue();
    }

    @Test
    void shouldAnswer404ForAnUnknownProcessInstance() {
        assertThat(admin().get(TAB + "no-such-instance").status()).isEqualTo(404);
    }

    @Test
    void shouldMoveTheCallbackInTalkdeskThroughTheModelWhenRescheduled() {
        String instanceId = bookedFollowUp("T-TAB-MOVE");
        String callbackId = (String) variable(instanceId, Variables.CALLBACK_ID);
        LocalDateTime later = LocalDateTime.now(LISBON).plusDays(3).withHour(11).withMinute(30)
                .truncatedTo(ChronoUnit.MINUTES);
        Instant expected = later.atZone(LISBON).toInstant();
        CockpitSession admin = admin();

        AppTestSupport.Answer answer = admin.post(TAB + instanceId + "/reschedule",
                "{\"callbackTime\":\"" + later + "\",\"timezone\":\"Europe/Lisbon\"}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("message").asText()).startsWith("reschedule requested");
        assertThat(answer.json().get("scheduledTime").get("utc").asText()).isEqualTo(expected.toString());
        await("the callback to move", () -> expected.toString().equals(variable(instanceId,
                Variables.CALLBACK_SCHEDULED_TIME)) && waiting(instanceId));
        assertThat(sandboxCallback(callbackId).get("scheduled_time_to_call").asText()).isEqualTo(expected.toString());
        JsonNode view = admin.get(TAB + instanceId).json();
        assertThat(view.get("stored").get("status").asText()).isEqualTo(Status.UPDATED);
        assertThat(view.get("live").get("scheduledTime").get("utc").asText()).isEqualTo(expected.toString());
        assertThat(view.get("history").findValuesAsText("operation")).contains("update callback");
    }

    @Test
    void shouldNameEveryBadFieldAsTheWebhookDoesWhenTheNewTimeIsInvalid() {
        String instanceId = bookedFollowUp("T-TAB-BAD");
        CockpitSession admin = admin();

        AppTestSupport.Answer answer = admin.post(TAB + instanceId + "/reschedule",
                "{\"callbackTime\":\"yesterday\",\"timezone\":\"Mars/Base\"}");
        AppTestSupport.Answer notJson = admin.post(TAB + instanceId + "/reschedule", "[1,2]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).isEqualTo("the follow-up request is invalid");
        assertThat(answer.json().get("errors").findValuesAsText("field")).contains(Variables.CALLBACK_TIME,
                Variables.TIMEZONE);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
        assertThat(waiting(instanceId)).as("nothing sent to the follow-up").isTrue();
    }

    @Test
    void shouldRefuseToRescheduleWith409WhileTheFollowUpIsInReview() {
        String instanceId = followUpInReview("T-TAB-409");

        AppTestSupport.Answer answer = admin().post(TAB + instanceId + "/reschedule",
                "{\"callbackTime\":\"" + LocalDateTime.now(LISBON).plusDays(2).truncatedTo(ChronoUnit.MINUTES) + "\"}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("message").asText()).contains("does not wait for its callback");
    }

    @Test
    void shouldCancelTheCallbackThroughTheModelAnd409OnceTheFollowUpEnded() {
        String instanceId = bookedFollowUp("T-TAB-CANCEL");
        String callbackId = (String) variable(instanceId, Variables.CALLBACK_ID);
        CockpitSession admin = admin();

        AppTestSupport.Answer answer = admin.post(TAB + instanceId + "/cancellation", "{}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("message").asText()).startsWith("cancellation requested");
        await("the follow-up to end cancelled", () -> runtimeService.createProcessInstanceQuery()
                .processInstanceId(instanceId).count() == 0);
        assertThat(variable(instanceId, Variables.CALLBACK_STATUS)).isEqualTo(Status.CANCELLED);
        assertThat(sandboxCallback(callbackId).get("status").asText()).isEqualTo("CANCELED");
        JsonNode ended = admin.get(TAB + instanceId).json();
        assertThat(ended.get("running").asBoolean()).isFalse();
        assertThat(ended.get("live").get("status").asText()).isEqualTo("CANCELED");
        assertThat(admin.post(TAB + instanceId + "/cancellation", "{}").status()).isEqualTo(409);
    }

    @Test
    void shouldRecordACancellationWhileTheFollowUpIsInReview() {
        String instanceId = followUpInReview("T-TAB-REC");

        AppTestSupport.Answer answer = admin().post(TAB + instanceId + "/cancellation", "{}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("message").asText()).startsWith("cancellation recorded");
        assertThat(runtimeService.getVariable(instanceId, Variables.CANCELLATION_REQUESTED)).isEqualTo(true);
    }

    @Test
    void shouldRefuseARescheduleIntoTheNightNamingTheNextAllowedTimeWhenTheFollowUpAsksForReview() {
        String instanceId = bookedFollowUp("T-TAB-WIN1", "\"outsideWindow\":\"REVIEW\"");
        LocalDateTime night = LocalDateTime.now(LISBON).plusDays(3).withHour(3).withMinute(0)
                .truncatedTo(ChronoUnit.MINUTES);

        AppTestSupport.Answer answer = admin().post(TAB + instanceId + "/reschedule",
                "{\"callbackTime\":\"" + night + "\",\"timezone\":\"Europe/Lisbon\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").findValuesAsText("field")).containsExactly(Variables.CALLBACK_TIME);
        assertThat(answer.json().path("errors").findValuesAsText("message").get(0))
                .contains("is closed at 03:00 Europe/Lisbon").contains("the next open time is")
                .contains("08:00 Europe/Lisbon");
    }

    @Test
    void shouldMoveARescheduleIntoTheNightToTheMorningAndSaySo() {
        String instanceId = bookedFollowUp("T-TAB-WIN2", null);
        LocalDateTime night = LocalDateTime.now(LISBON).plusDays(3).withHour(3).withMinute(0)
                .truncatedTo(ChronoUnit.MINUTES);
        Instant morning = night.withHour(8).atZone(LISBON).toInstant();
        CockpitSession admin = admin();

        AppTestSupport.Answer answer = admin.post(TAB + instanceId + "/reschedule",
                "{\"callbackTime\":\"" + night + "\",\"timezone\":\"Europe/Lisbon\"}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("moved").asBoolean()).isTrue();
        assertThat(answer.json().get("scheduledTime").get("utc").asText()).isEqualTo(morning.toString());
        await("the callback to move to the morning", () -> morning.toString().equals(variable(instanceId,
                Variables.CALLBACK_SCHEDULED_TIME)) && waiting(instanceId));
        JsonNode windows = admin.get(TAB + instanceId).json().get("windows");
        assertThat(windows.get("moved").asBoolean()).isTrue();
        assertThat(windows.get("applied").asText()).contains("MON-SUN 08:00-21:00");
        assertThat(windows.get("movedReason").asText()).contains("is closed at 03:00 Europe/Lisbon");
    }
}
