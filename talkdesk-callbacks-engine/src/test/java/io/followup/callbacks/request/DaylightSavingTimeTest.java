package io.followup.callbacks.request;

import static io.followup.callbacks.request.CallbackRequestFactoryTest.RULES;
import static io.followup.callbacks.request.CallbackRequestFactoryTest.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Local callback times around daylight saving transitions: a time in a spring-forward gap moves forward by the gap,
 * a time in an autumn overlap takes the earlier instant.
 */
class DaylightSavingTimeTest {

    private final CallbackRequestFactory factory = new CallbackRequestFactory(RULES,
            Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "Europe/Lisbon,      2027-03-28T01:30, 2027-03-28T01:30:00Z",
        "Europe/Lisbon,      2027-03-28T00:30, 2027-03-28T00:30:00Z",
        "Europe/Lisbon,      2027-03-28T02:30, 2027-03-28T01:30:00Z",
        "Europe/Lisbon,      2027-10-31T01:30, 2027-10-31T00:30:00Z",
        "America/New_York,   2027-03-14T02:30, 2027-03-14T07:30:00Z",
        "America/New_York,   2027-11-07T01:30, 2027-11-07T05:30:00Z",
        "Australia/Lord_Howe, 2027-10-03T02:15, 2027-10-02T15:45:00Z",
        "Asia/Kathmandu,     2027-06-01T09:00, 2027-06-01T03:15:00Z",
    })
    void shouldTurnLocalTimeIntoTheDocumentedInstant(String zone, String local, String expected) {
        CallbackRequestValidation validation = factory.validate(raw("+351912345678", null, local, zone));

        assertThat(validation.request().scheduledTime()).isEqualTo(Instant.parse(expected));
    }
}
