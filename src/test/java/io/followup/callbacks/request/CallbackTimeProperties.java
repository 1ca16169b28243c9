package io.followup.callbacks.request;

import static io.followup.callbacks.request.CallbackRequestFactoryTest.RULES;
import static io.followup.callbacks.request.CallbackRequestFactoryTest.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of time conversion and phone numbers over many generated inputs (jqwik). */
class CallbackTimeProperties {

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

    @Property(tries = 300)
    void overlapTakesEarlierOffset(@ForAll("localTimes") LocalDateTime local, @ForAll("zones") String zone) {
        ZoneId zoneId = ZoneId.of(zone);
        if (zoneId.getRules().getValidOffsets(local).size() == 2) {
            Instant instant = factory.validate(raw("+351912345678", null, local.toString(), zone)).request()
                    .scheduledTime();
            assertThat(instant).isEqualTo(ZonedDateTime.ofLocal(local, zoneId, null).withEarlierOffsetAtOverlap()
                    .toInstant().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Provide
    Arbitrary<String> portugueseMobiles() {
        return Arbitraries.strings().numeric().ofLength(8).map(digits -> "+3519" + digits);
    }

    @Property(tries = 300)
    void maskNeverRevealsTheWholeNumber(@ForAll("portugueseMobiles") String number) {
        String masked = PhoneNumbers.mask(number);

        assertThat(masked).hasSameSizeAs(number).startsWith(number.substring(0, 6))
                .doesNotContain(number.substring(number.length() - 8));
        assertThat(PhoneNumbers.maskAll("call " + number + " at 2027-01-02T10:00Z"))
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
