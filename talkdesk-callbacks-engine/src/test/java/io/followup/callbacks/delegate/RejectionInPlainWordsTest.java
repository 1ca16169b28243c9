package io.followup.callbacks.delegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException.RejectedField;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a supervisor reads when Talkdesk refuses a callback. */
class RejectionInPlainWordsTest {

    private static final CallbackRequest REQUEST = new CallbackRequest("T-7", "+351912345678",
            Instant.parse("2026-12-01T10:00:00Z"), ZoneId.of("Europe/Lisbon"), AssignType.SPECIFIC_AGENT,
            List.of("agent-ana", "agent-zed"), "+351219999999", null, null);

    @Test
    void shouldNameEachFieldInOurWordsWithItsValueOneLineEach() {
        CallbackRejectedException rejection = new CallbackRejectedException("POST /schedule-callbacks", 422,
                "INVALID_CALLBACK", "The callback is invalid", List.of(
                        new RejectedField("caller_id", "is not a number owned by the account"),
                        new RejectedField("agents", "agent-zed cannot receive callbacks"),
                        new RejectedField("scheduled_time_to_call", "must be at least 1 minute in the future"),
                        new RejectedField("phone_number", "+351912345678 is not reachable")));

        assertThat(RejectionInPlainWords.of(rejection, REQUEST).split("\n")).containsExactly(
                "Caller ID +351 21 999 9999 is not a number your Talkdesk account owns",
                "Agents agent-ana, agent-zed: agent-zed cannot receive callbacks",
                "Callback time 1 Dec 2026 10:00 (Europe/Lisbon): must be at least 1 minute in the future",
                "Customer phone number +35191*****78: +35191*****78 is not reachable");
    }

    @Test
    void shouldFallBackToTalkdesksMessageWithoutFieldsAndNoTechnicalDetail() {
        CallbackRejectedException rejection = new CallbackRejectedException("POST /schedule-callbacks", 400,
                "BAD_REQUEST", "Daily callback quota reached", List.of());

        assertThat(RejectionInPlainWords.of(rejection, REQUEST))
                .isEqualTo("Talkdesk refused the callback: Daily callback quota reached")
                .doesNotContain("400").doesNotContain("BAD_REQUEST");
    }
}
