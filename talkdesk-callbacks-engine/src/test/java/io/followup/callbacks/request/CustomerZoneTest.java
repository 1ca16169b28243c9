package io.followup.callbacks.request;

import static io.followup.callbacks.request.CallbackRequestFactoryTest.RULES;
import static io.followup.callbacks.request.CallbackRequestFactoryTest.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.window.AmbiguousZone;
import io.followup.callbacks.window.CallingWindows;
import io.followup.callbacks.window.TimezoneSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The customer's zone from the number when none is given, honestly: one zone is taken, several are never guessed. */
class CustomerZoneTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String LISBON_LANDLINE = "+351213456789";
    static final String PORTUGUESE_MOBILE = "+351912345678"; // Lisbon or the Azores
    static final String US_TOLL_FREE = "+18005550100";

    static CallbackRequestFactory factory(AmbiguousZone ambiguous) {
        TalkdeskProperties.Windows windows = new TalkdeskProperties().getWindows();
        windows.setAmbiguousZone(ambiguous);
        return new CallbackRequestFactory(RULES, CallingWindows.from(windows), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void shouldTakeTheZoneOfANumberThatMapsToOne() {
        CallbackRequestValidation validation = factory(AmbiguousZone.SAFE_WINDOW).validate(raw(LISBON_LANDLINE, null,
                "2026-12-02T10:00", null));

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.request().timezone()).isEqualTo(ZoneId.of("Europe/Lisbon"));
        assertThat(validation.request().scheduledTime()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(validation.window().timezoneSource()).isEqualTo(TimezoneSource.NUMBER);
    }

    @Test
    void shouldKeepAGivenZoneOverTheNumbers() {
        CallbackRequestValidation validation = factory(AmbiguousZone.SAFE_WINDOW).validate(raw(LISBON_LANDLINE, null,
                "2026-12-02T10:00", "Atlantic/Azores"));

        assertThat(validation.request().timezone()).isEqualTo(ZoneId.of("Atlantic/Azores"));
        assertThat(validation.window().timezoneSource()).isEqualTo(TimezoneSource.GIVEN);
        assertThat(factory(AmbiguousZone.REVIEW).validate(raw(PORTUGUESE_MOBILE, null, "2026-12-02T10:00",
                "Europe/Lisbon")).window().timezoneSource()).isEqualTo(TimezoneSource.GIVEN);
    }

    @Test
    void shouldHoldTheCallingWindowInEveryZoneOfANumberWithSeveral() {
        // 08:30 in Lisbon is 07:30 in the Azores: the earliest both allow is 09:00 Lisbon (08:00 Azores)
        CallbackRequestValidation validation = factory(AmbiguousZone.SAFE_WINDOW).validate(raw(PORTUGUESE_MOBILE,
                null, "2026-12-02T08:30:00Z", null));

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.window().timezoneSource()).isEqualTo(TimezoneSource.SAFE_WINDOW);
        assertThat(validation.window().customerZones()).containsExactlyInAnyOrder(ZoneId.of("Europe/Lisbon"),
                ZoneId.of("Atlantic/Azores"));
        assertThat(validation.window().moved()).isTrue();
        assertThat(validation.request().scheduledTime()).isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
        assertThat(validation.window().movedReason()).startsWith("The customer's calling window (US_TCPA, MON-SUN "
                + "08:00-21:00) is closed in 1 of the 2 zones the number maps to (Atlantic/Azores 07:30)");
    }

    @Test
    void shouldNotReadALocalTimeInAZoneItCannotTell() {
        CallbackRequestValidation validation = factory(AmbiguousZone.SAFE_WINDOW).validate(raw(PORTUGUESE_MOBILE,
                null, "2026-12-02T10:00", null));

        assertThat(validation.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("callbackTime");
            assertThat(problem.message()).contains("maps to 2 zones").contains("give timezone");
        });
    }

    @Test
    void shouldAskForTheZoneOfANumberWithSeveralWhenThePolicyIsReview() {
        CallbackRequestValidation validation = factory(AmbiguousZone.REVIEW).validate(raw(US_TOLL_FREE, null,
                "2026-12-02T15:00:00Z", null));

        assertThat(validation.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("timezone");
            assertThat(problem.message()).startsWith("is required: the number maps to");
        });
    }

    @Test
    void shouldBookAUsTollFreeNumberWithoutAZoneOnlyWhenItIsDaytimeInEveryZoneItMapsTo() {
        CallbackRequestValidation validation = factory(AmbiguousZone.SAFE_WINDOW).validate(raw(US_TOLL_FREE, null,
                "2026-12-02T15:00:00Z", null));

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.window().customerZones()).hasSizeGreaterThan(20)
                .contains(ZoneId.of("Pacific/Guam"), ZoneId.of("Pacific/Pago_Pago"), ZoneId.of("America/St_Johns"));
        Instant booked = validation.request().scheduledTime();
        assertThat(booked).isAfter(Instant.parse("2026-12-02T15:00:00Z"));
        for (ZoneId zone : validation.window().customerZones()) {
            assertThat(booked.atZone(zone).getHour()).as(zone.getId()).isBetween(8, 20);
        }
    }

    @Test
    void shouldHonourTheRequestsOwnWindowAndNameItsBadInputs() {
        RawCallbackRequest review = new RawCallbackRequest("T-1", LISBON_LANDLINE, null, "2026-12-02T03:30", null, null,
                null, null, null, null, new RawCallbackRequest.WindowInputs(null, null, "REVIEW"));
        RawCallbackRequest bad = new RawCallbackRequest("T-1", LISBON_LANDLINE, null, "2026-12-02T03:30", null, null,
                null, null, null, null, new RawCallbackRequest.WindowInputs("NIGHT_OWL", "MON 25:00-26:00", "LATER"));

        CallbackRequestValidation outside = factory(AmbiguousZone.SAFE_WINDOW).validate(review);
        assertThat(outside.isOutsideWindow()).isTrue();
        assertThat(outside.summary()).startsWith("callbackTime: The customer's calling window (US_TCPA) is closed at "
                + "03:30 Europe/Lisbon").contains("the next open time is Wednesday 2 December 08:00 Europe/Lisbon");
        assertThat(factory(AmbiguousZone.SAFE_WINDOW).validate(bad).problems()).extracting(FieldProblem::field)
                .containsExactlyInAnyOrder("callingWindow", "callingHours", "outsideWindow");
    }
}
