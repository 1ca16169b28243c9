package io.followup.callbacks.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.settings.TalkdeskProperties;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A moved time always lies inside every window and is the earliest such time: checked against an oracle of this
 * test's own (the local time in each zone against the generated spans), minute by minute from the time asked for.
 */
class CallingWindowsPropertiesTest {

    private static final List<String> ZONES = List.of("Europe/Lisbon", "America/New_York", "Australia/Sydney",
            "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns", "Europe/London", "America/Los_Angeles");

    /** Spans per day of the week as minutes of the day, {@code [start, end)}. */
    record Hours(Map<DayOfWeek, List<int[]>> days) {

        String spec() {
            return days.entrySet().stream().map(e -> e.getKey().name().substring(0, 3) + " " + e.getValue().stream()
                    .map(s -> hhmm(s[0]) + "-" + hhmm(s[1])).collect(Collectors.joining(" ")))
                    .collect(Collectors.joining("; "));
        }

        boolean allows(Instant time, ZoneId zone) {
            LocalDateTime local = LocalDateTime.ofInstant(time, zone);
            int minute = local.getHour() * 60 + local.getMinute();
            return days.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                    .anyMatch(s -> minute >= s[0] && minute < s[1]);
        }

        @Override
        public String toString() {
            return spec();
        }
    }

    static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    @Provide
    Arbitrary<Hours> hours() {
        Arbitrary<int[]> span = Combinators.combine(Arbitraries.integers().between(0, 47),
                Arbitraries.integers().between(1, 24)).as((start, length) -> new int[] {start * 30,
                        Math.min(24 * 60, start * 30 + length * 30)});
        return Arbitraries.maps(Arbitraries.of(DayOfWeek.values()), span).ofMinSize(1).ofMaxSize(7).map(map -> {
            Map<DayOfWeek, List<int[]>> days = new EnumMap<>(DayOfWeek.class);
            map.forEach((day, s) -> days.put(day, new ArrayList<>(List.of(s))));
            return new Hours(days);
        });
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }

    @Provide
    Arbitrary<Instant> nows() {
        return Arbitraries.longs().between(0, 3L * 365 * 24 * 60).map(m -> Instant.parse("2026-01-01T00:00:00Z")
                .plus(Duration.ofMinutes(m)));
    }

    @Property(tries = 300)
    void shouldMoveToTheEarliestTimeEveryWindowAllows(@ForAll("hours") Hours customer, @ForAll("hours") Hours group,
            @ForAll("zones") String customerZone, @ForAll("zones") String centerZone, @ForAll("nows") Instant now,
            @ForAll("offsets") long secondsAhead) {
        TalkdeskProperties.Windows settings = new TalkdeskProperties().getWindows();
        settings.setCustomer(CustomerWindow.CUSTOM);
        settings.setCustomerHours(customer.spec());
        settings.setZone(centerZone);
        settings.setRingGroupHours(Map.of("rg", group.spec()));
        CallingWindows windows = CallingWindows.from(settings);
        ZoneId customerIn = ZoneId.of(customerZone);
        ZoneId centerIn = ZoneId.of(centerZone);
        Instant requested = now.plusSeconds(secondsAhead);

        CallingWindows.Verdict verdict = windows.judge(requested, List.of(customerIn), AssignType.SPECIFIC_RING_GROUP,
                List.of("rg"), CallingWindows.Overrides.NONE, now);

        Instant limit = now.plus(settings.getHorizon());
        if (verdict instanceof CallingWindows.Inside inside) {
            assertThat(inside.time()).isEqualTo(requested);
            assertThat(customer.allows(requested, customerIn) && group.allows(requested, centerIn)).isTrue();
            return;
        }
        Instant moved = verdict instanceof CallingWindows.Moved m ? m.time() : null;
        for (Instant t = requested; (moved == null ? !t.isAfter(limit) : t.isBefore(moved)); t = t.plusSeconds(60)) {
            assertThat(customer.allows(t, customerIn) && group.allows(t, centerIn))
                    .as("%s is allowed, yet the verdict was %s", t, verdict).isFalse();
        }
        if (moved != null) {
            assertThat(moved).isAfter(requested).isBeforeOrEqualTo(limit);
            assertThat(customer.allows(moved, customerIn)).as("customer window at %s", moved).isTrue();
            assertThat(group.allows(moved, centerIn)).as("ring group at %s", moved).isTrue();
        } else {
            assertThat(verdict).isInstanceOf(CallingWindows.Outside.class);
        }
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.longs().between(60, 10L * 24 * 3600);
    }
}
