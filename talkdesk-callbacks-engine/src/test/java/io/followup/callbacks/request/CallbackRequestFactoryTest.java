package io.followup.callbacks.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation and normalisation of callback requests, one rule at a time. */
class CallbackRequestFactoryTest {

    static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");
    static final CallbackRequestRules RULES = new CallbackRequestRules("+14155550100", AssignType.SPECIFIC_RING_GROUP,
            List.of("support-tier-1"), null, Duration.ofMinutes(1), 40);

    private final CallbackRequestFactory factory = new CallbackRequestFactory(RULES, Clock.fixed(NOW, ZoneOffset.UTC));

    static RawCallbackRequest raw(String phone, String region, String time, String zone) {
        return new RawCallbackRequest("T-1", phone, region, time, zone, null, null, null, null, null);
    }

    private CallbackRequest valid(RawCallbackRequest raw) {
        CallbackRequestValidation validation = factory.validate(raw);
        assertThat(validation.problems()).isEmpty();
        return validation.request();
    }

    private List<String> badFields(RawCallbackRequest raw) {
        CallbackRequestValidation validation = factory.validate(raw);
        assertThat(validation.isValid()).isFalse();
        return validation.problems().stream().map(FieldProblem::field).toList();
    }

    @Test
    void shouldNormaliseNationalNumberWithRegionToE164() {
        CallbackRequest request = valid(raw("912 345 678", "PT", "2027-01-11T10:00:00Z", "Europe/Lisbon"));

        assertThat(request.phoneNumber()).isEqualTo("+351912345678");
    }

    @Test
    void shouldKeepE164NumberAndAcceptInternationalDialPrefix() {
        assertThat(valid(raw("+351912345678", null, "2027-01-11T10:00:00Z", "Europe/Lisbon")).phoneNumber())
                .isEqualTo("+351912345678");
        assertThat(valid(raw("00351 912 345 678", null, "2027-01-11T10:00:00Z", "Europe/Lisbon")).phoneNumber())
                .isEqualTo("+351912345678");
    }

    @Test
    void shouldRejectImpossibleNumberWithoutEchoingIt() {
        CallbackRequestValidation validation = factory.validate(raw("+35191234", null, "2027-01-11T10:00:00Z",
                "Europe/Lisbon"));

        assertThat(validation.problems()).extracting(FieldProblem::field).containsExactly("phoneNumber");
        assertThat(validation.summary()).doesNotContain("35191234");
    }

    @Test
    void shouldRejectNationalNumberWithoutRegion() {
        assertThat(badFields(raw("912 345 678", null, "2027-01-11T10:00:00Z", "Europe/Lisbon")))
                .containsExactly("phoneNumber");
    }

    @Test
    void shouldRejectUnknownRegion() {
        assertThat(badFields(raw("912 345 678", "XX", "2027-01-11T10:00:00Z", "Europe/Lisbon")))
                .contains("phoneRegion");
    }

    @Test
    void shouldNameEveryBadFieldAtOnce() {
        RawCallbackRequest raw = new RawCallbackRequest(" ", "12", null, "tomorrow", "Mars/Olympus", "EVERYONE",
                "[\"a\"", "+1", null, null);

        assertThat(badFields(raw)).containsExactlyInAnyOrder("ticketId", "phoneNumber", "callbackTime", "timezone",
                "assignType", "assignees", "callerId");
    }

    @Test
    void shouldUseConfiguredDefaultsForAssignmentAndCallerId() {
        CallbackRequest request = valid(raw("+351912345678", null, "2027-01-11T10:00:00Z", "Europe/Lisbon"));

        assertThat(request.assignType()).isEqualTo(AssignType.SPECIFIC_RING_GROUP);
        assertThat(request.assignees()).containsExactly("support-tier-1");
        assertThat(request.callerId()).isEqualTo("+14155550100");
    }

    @Test
    void shouldOverrideCallerIdAndNormaliseIt() {
        RawCallbackRequest raw = new RawCallbackRequest("T-1", "+351912345678", "PT", "2027-01-11T10:00:00Z",
                "Europe/Lisbon", null, null, "21 000 0000", null, null);

        assertThat(valid(raw).callerId()).isEqualTo("+351210000000");
    }

    @Test
    void shouldReadAssigneesFromListJsonArrayAndCommaSeparatedText() {
        for (Object assignees : List.<Object>of(List.of("agent-1", "agent-2"), "[\"agent-1\",\"agent-2\"]",
                " agent-1, agent-2 ,agent-1")) {
            RawCallbackRequest raw = new RawCallbackRequest("T-1", "+351912345678", null, "2027-01-11T10:00:00Z",
                    "Europe/Lisbon", "specific_agent", assignees, null, null, null);

            CallbackRequest request = valid(raw);

            assertThat(request.assignType()).isEqualTo(AssignType.SPECIFIC_AGENT);
            assertThat(request.assignees()).containsExactly("agent-1", "agent-2");
        }
    }

    @Test
    void shouldAskForAgentIdsWhenSpecificAgentHasNone() {
        CallbackRequestFactory noDefaults = new CallbackRequestFactory(new CallbackRequestRules("+14155550100",
                AssignType.SPECIFIC_AGENT, List.of(), null, Duration.ofMinutes(1), 40),
                Clock.fixed(NOW, ZoneOffset.UTC));

        CallbackRequestValidation validation = noDefaults.validate(raw("+351912345678", null, "2027-01-11T10:00:00Z",
                "Europe/Lisbon"));

        assertThat(validation.summary()).contains("assignees: at least one agent id is needed for SPECIFIC_AGENT");
    }

    @Test
    void shouldTrimAndCapNotes() {
        RawCallbackRequest raw = new RawCallbackRequest("T-1", "+351912345678", null, "2027-01-11T10:00:00Z",
                "Europe/Lisbon", null, null, null, "  int-7  ", "   " + "x".repeat(60) + "   ");

        CallbackRequest request = valid(raw);

        assertThat(request.notes()).hasSize(40);
        assertThat(request.interactionId()).isEqualTo("int-7");
    }

    @Test
    void shouldTreatBlankOptionalFieldsAsAbsent() {
        RawCallbackRequest raw = new RawCallbackRequest("T-1", "+351912345678", " ", "2027-01-11T10:00:00Z",
                "Europe/Lisbon", " ", " ", " ", " ", " ");

        CallbackRequest request = valid(raw);

        assertThat(request.notes()).isNull();
        assertThat(request.interactionId()).isNull();
        assertThat(request.callerId()).isEqualTo("+14155550100");
    }

    @Test
    void shouldRequireOneMinuteOfLeadTimeExactly() {
        assertThat(badFields(raw("+351912345678", null, "2027-01-10T10:00:59Z", "Europe/Lisbon")))
                .containsExactly("callbackTime");
        assertThat(valid(raw("+351912345678", null, "2027-01-10T10:01:00Z", "Europe/Lisbon")).scheduledTime())
                .isEqualTo(Instant.parse("2027-01-10T10:01:00Z"));
    }

    @Test
    void shouldSayTooSoonForPastTimes() {
        CallbackRequestValidation validation = factory.validate(raw("+351912345678", null, "2027-01-09T10:00:00Z",
                "Europe/Lisbon"));

        assertThat(validation.summary()).contains("callbackTime").contains("at least 1 minute in the future");
    }

    @Test
    void shouldTakeInstantWithOffsetAsIs() {
        assertThat(valid(raw("+351912345678", null, "2027-01-11T10:00:00+01:00", "America/New_York"))
                .scheduledTime()).isEqualTo(Instant.parse("2027-01-11T09:00:00Z"));
    }

    @Test
    void shouldReadLocalTimeInCustomerZone() {
        assertThat(valid(raw("+351912345678", null, "2027-01-11T10:00", "America/New_York")).scheduledTime())
                .isEqualTo(Instant.parse("2027-01-11T15:00:00Z"));
        assertThat(valid(raw("+351912345678", null, "2027-01-11T10:00", "Asia/Kathmandu")).scheduledTime())
                .isEqualTo(Instant.parse("2027-01-11T04:15:00Z"));
    }

    @Test
    void shouldRejectOffsetsAsTimezone() {
        assertThat(badFields(raw("+351912345678", null, "2027-01-11T10:00:00Z", "+01:00")))
                .containsExactly("timezone");
        assertThat(valid(raw("+351912345678", null, "2027-01-11T10:00:00Z", "UTC")).timezone().getId())
                .isEqualTo("UTC");
    }

    @Test
    void shouldNameCallbackTimeWhenLocalTimeHasNoValidZone() {
        assertThat(badFields(raw("+351912345678", null, "2027-01-11T10:00", "Nowhere/City")))
                .containsExactlyInAnyOrder("timezone", "callbackTime");
    }
}
