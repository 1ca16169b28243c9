package io.followup.callbacks.app;

import static io.followup.callbacks.app.AppTestSupport.followUp;
import static io.followup.callbacks.app.AppTestSupport.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hostile and odd bodies at the webhook: every one gets a 2xx or a 4xx that names the field, never a 5xx, and
 * nothing oversized reaches a process variable or the business key.
 */
@RunningApp
class WebhookInputTest {

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtimeService;

    private String url() {
        return "http://localhost:" + port + "/api/follow-ups";
    }

    @Test
    void shouldAnswerEveryHostileBodyWithA4xxNamingTheFieldAndNeverA5xx() {
        Map<String, String> namedField = new LinkedHashMap<>();
        namedField.put(followUp("T-H1", "+351912345678", "\"notes\":\"" + "n".repeat(20_000) + "\""), "notes");
        namedField.put(followUp("T-" + "9".repeat(300), "+351912345678", null), "ticketId");
        namedField.put(followUp("T-H3", "+351912345678", "\"interactionId\":\"" + "i".repeat(500) + "\""),
                "interactionId");
        namedField.put(followUp("T-H4", "+351912345678", "\"callerId\":\"" + "1".repeat(200) + "\""), "callerId");
        namedField.put(followUp("T-H5", "+351912345678", "\"phoneRegion\":\"" + "P".repeat(200) + "\""),
                "phoneRegion");
        namedField.put(followUp("T-H6", "+351912345678", "\"assignees\":[{\"id\":\"agent-ana\"}]"), "assignees");
        namedField.put(followUp("T-H7", "+351912345678", "\"assignees\":\"" + "a,".repeat(2000) + "\""),
                "assignees");
        namedField.put("{\"ticketId\":\"T-H8\",\"phoneNumber\":[\"+351912345678\"],\"callbackTime\":\"x\"}",
                "phoneNumber");
        namedField.put("{\"ticketId\":\"T-H9\",\"phoneNumber\":{\"n\":1},\"timezone\":\"Europe/Lisbon\"}",
                "phoneNumber");
        namedField.put("{\"ticketId\":{\"id\":\"T-H10\"}}", "ticketId");
        namedField.put("{\"ticketId\":\"T-H11\",\"timezone\":\"" + "Z".repeat(10_000) + "\"}", "timezone");
        namedField.put("[]", "body");
        namedField.put("null", "body");
        namedField.put("not json at all", "body");
        namedField.put("{\"ticketId\":", "body");
        namedField.put("", "body");

        List<String> wrong = new ArrayList<>();
        namedField.forEach((body, field) -> {
            AppTestSupport.Answer answer = postJson(url(), body);
            JsonNode errors = answer.status() == 400 ? answer.json().path("errors") : null;
            boolean named = errors != null && errors.findValuesAsText("field").contains(field);
            if (!named) {
                wrong.add(answer.status() + " for a body about " + field + ": " + abbreviate(answer.body()));
            }
        });
        assertThat(wrong).as("answers that are not a 400 naming the field").isEmpty();
    }

    @Test
    void shouldAnswerABodyThatIsNotUtf8WithA400NamingWhereItBroke() {
        byte[] latin1 = followUp("T-H20", "+351912345678", "\"notes\":\"Jo\u00e3o ligou\"")
                .getBytes(StandardCharsets.ISO_8859_1);
        AppTestSupport.Answer answer = AppTestSupport.sendBytes("POST", url(), "application/json", latin1, true);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").findValuesAsText("field")).containsExactly("notes");
        assertThat(answer.json().path("errors").findValuesAsText("message")).containsExactly(
                "cannot be read: the body must be UTF-8 JSON");
    }

    @Test
    void shouldCutLongNotesToTheConfiguredLengthBeforeStoringThem() {
        AppTestSupport.Answer answer = postJson(url(), followUp("T-H30", "+351912345670",
                "\"notes\":\"" + "x".repeat(1_200) + "\""));
        assertThat(answer.status()).isEqualTo(202);
        String instanceId = answer.json().get("processInstanceId").asText();
        assertThat((String) runtimeService.getVariable(instanceId, Variables.NOTES)).hasSize(500);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
