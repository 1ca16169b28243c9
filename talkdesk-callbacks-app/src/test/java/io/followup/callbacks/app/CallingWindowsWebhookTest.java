package io.followup.callbacks.app;

import static io.followup.callbacks.app.AppTestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The calling windows at the webhook: a time they do not allow is moved and shown (202), or refused (400). */
@RunningApp
class CallingWindowsWebhookTest {

    static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtimeService;

    private String url() {
        return "http://localhost:" + port + "/api/follow-ups";
    }

    private static String atNight(String ticketId, String phone, String extra) {
        String night = LocalDate.now(LISBON).plusDays(2) + "T03:30";
        return "{\"ticketId\":\"" + ticketId + "\",\"phoneNumber\":\"" + phone + "\",\"callbackTime\":\"" + night
                + "\",\"timezone\":\"Europe/Lisbon\"" + (extra == null ? "" : "," + extra) + "}";
    }

    @Test
    void shouldAnswer202WithTheMovedTimeAndWhyForACallbackAskedForAtNight() {
        AppTestSupport.Answer answer = postJson(url(), atNight("T-WIN-1", "+351912340001", null));

        assertThat(answer.status()).isEqualTo(202);
        String morning = LocalDate.now(LISBON).plusDays(2).atTime(8, 0).atZone(LISBON).toInstant().toString();
        assertThat(answer.json().get(Variables.CALLBACK_TIME).asText()).isEqualTo(morning);
        assertThat(answer.json().get(Variables.CALLBACK_TIME_MOVED).asBoolean()).isTrue();
        assertThat(answer.json().get(Variables.TIMEZONE_SOURCE).asText()).isEqualTo("GIVEN");
        assertThat(answer.json().get(Variables.CALLBACK_TIME_MOVED_REASON).asText())
                .startsWith("The customer's calling window (US_TCPA) is closed at 03:30 Europe/Lisbon");
    }

    @Test
    void shouldAnswer400NamingCallbackTimeWithTheNextAllowedTimeWhenTheRequestAsksForReview() {
        AppTestSupport.Answer answer = postJson(url(), atNight("T-WIN-2", "+351912340002",
                "\"outsideWindow\":\"REVIEW\""));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").findValuesAsText("field")).containsExactly(Variables.CALLBACK_TIME);
        assertThat(answer.json().path("errors").findValuesAsText("message").get(0))
                .contains("the next open time is").contains("08:00 Europe/Lisbon");
    }

    @Test
    void shouldAnswer400NamingTheFieldOfAnUnknownWindowPolicy() {
        AppTestSupport.Answer answer = postJson(url(), atNight("T-WIN-3", "+351912340003",
                "\"callingWindow\":\"NIGHT_OWL\",\"outsideWindow\":\"LATER\",\"callingHours\":\"MON 25:00-26:00\""));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "callingWindow", "outsideWindow", "callingHours");
    }

    @Test
    void shouldTakeTheZoneFromALandlineThatMapsToOneAndSaySo() {
        AppTestSupport.Answer answer = postJson(url(), "{\"ticketId\":\"T-WIN-4\",\"phoneNumber\":\"+351213450004\","
                + "\"callbackTime\":\"" + LocalDate.now(LISBON).plusDays(2) + "T10:00\"}");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get(Variables.TIMEZONE).asText()).isEqualTo("Europe/Lisbon");
        assertThat(answer.json().get(Variables.TIMEZONE_SOURCE).asText()).isEqualTo("NUMBER");
        assertThat(answer.json().get(Variables.CALLBACK_TIME_MOVED).asBoolean()).isFalse();
    }

    @Test
    void shouldCutLongNotesOfAMovedCallbackAsOfAnyOther() {
        AppTestSupport.Answer answer = postJson(url(), atNight("T-WIN-5", "+351912340005",
                "\"notes\":\"" + "x".repeat(1_200) + "\""));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get(Variables.CALLBACK_TIME_MOVED).asBoolean()).isTrue();
        String instanceId = answer.json().get("processInstanceId").asText();
        assertThat((String) runtimeService.getVariable(instanceId, Variables.NOTES)).hasSize(500);
    }
}
