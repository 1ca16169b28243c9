package io.followup.callbacks.request;

import static io.followup.callbacks.request.CallbackRequestFactoryTest.RULES;
import static io.followup.callbacks.request.CallbackRequestFactoryTest.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.talkdesk.PhoneMask;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of time conversion and phone numbers over many generated inputs (jqwik). */
class CallbackTimePropertiesTest {

    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
    private final CallbackRequestFactory factory = new CallbackRequestFactory(RULES, Clock.fixed(NOW, ZoneOffset.UTC));

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of("Europe/Lisbon", "Europe/London", "America/New_York", "America/Sao_Paulo",
                "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns", "UTC");
    }

    @Provide
    Arbitrary<LocalDateTime> localTimes() {
        return Arbitraries.longs().between(0, 3L * 365 * 24 * 60)
                .map(minutes -> LocalDateTime.of(2027, 1, 2, 0, 0).plusMinutes(minutes));
    }

    @Property(tries = 500)
    void localTimeReadsBackUnlessInGap(@ForAll("localTimes") LocalDateTime local, @ForAll("zones") String zone) {
        Instant instant = factory.validate(raw("+351912345678", null, local.toString(), zone)).request()
                .scheduledTime();

        LocalDateTime readBack = LocalDateTime.ofInstant(instant, ZoneId.of(zone));
        boolean inGap = ZoneId.of(zone).getRules().getValidOffsets(local).isEmpty();
        if (inGap) {
            assertThat(readBack).isAfter(local).isBefore(local.plusHours(2));
        } else {
            assertThat(readBack).isEqualTo(local);
        }
    }

    @Property(tries = 300)
    void instantWithOffsetIgnoresCustomerZone(@ForAll("localTimes") LocalDateTime local,
            @ForAll("zones") String zone) {
        String withOffset = local.atOffset(ZoneOffset.ofHours(3)).toString();

        Instant instant = factory.validate(raw("+351912345678", null, withOffset, zone)).request().scheduledTime();

        assertThat(instant).isEqualTo(local.atOffset(ZoneOffset.ofHours(3)).toInstant());
    }

    /** An autumn transition (clocks go back) of a zone with summer time, in 2027 to 2035. */
    @Provide
    Arbitrary<Map.Entry<String, ZoneOffsetTransition>> overlaps() {
        return Arbitraries.of("Europe/Lisbon", "Europe/Berlin", "America/New_York", "Australia/Sydney",
                "Pacific/Chatham").flatMap(zone -> Arbitraries.integers().between(2027, 2035).map(year -> {
                    Instant from = LocalDateTime.of(year, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
                    ZoneOffsetTransition transition = ZoneId.of(zone).getRules().nextTransition(from);
                    while (!transition.isOverlap()) {
                        transition = ZoneId.of(zone).getRules().nextTransition(transition.getInstant());
                    }
                    return Map.entry(zone, transition);
                }));
    }

    @Property(tries = 200)
    void overlapTakesEarlierOffset(@ForAll("overlaps") Map.Entry<String, ZoneOffsetTransition> overlap,
            @ForAll @IntRange(min = 0, max = 59) int minute) {
        ZoneOffsetTransition transition = overlap.getValue();
        LocalDateTime local = transition.getDateTimeAfter().plusMinutes(minute);

        Instant instant = factory.validate(raw("+351912345678", null, local.toString(), overlap.getKey()))
                .request().scheduledTime();

        assertThat(instant).as("%s in %s is read with the offset before the clocks went back", local,
                overlap.getKey()).isEqualTo(local.toInstant(transition.getOffsetBefore()));
    }

    @Provide
    Arbitrary<String> portugueseMobiles() {
        return Arbitraries.strings().numeric().ofLength(8).map(digits -> "+3519" + digits);
    }

    @Property(tries = 300)
    void maskNeverRevealsTheWholeNumber(@ForAll("portugueseMobiles") String number) {
        String masked = PhoneMask.mask(number);

        assertThat(masked).hasSameSizeAs(number).startsWith(number.substring(0, 6))
                .doesNotContain(number.substring(number.length() - 8));
        assertThat(PhoneMask.maskAll("call " + number + " at 2027-01-02T10:00Z"))
                .doesNotContain(number).contains("2027-01-02T10:00Z");
    }

    @Property(tries = 300)
    void toE164IsIdempotent(@ForAll("portugueseMobiles") String number) {
        PhoneNumbers.toE164(number, null).ifPresent(e164 ->
                assertThat(PhoneNumbers.toE164(e164, null)).contains(e164));
        PhoneNumbers.toE164(number.substring(4), "PT").ifPresent(national ->
                assertThat(national).isEqualTo(number));
    }
}
