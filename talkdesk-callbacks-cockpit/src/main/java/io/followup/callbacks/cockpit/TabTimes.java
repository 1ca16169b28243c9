package io.followup.callbacks.cockpit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Times as the tab shows them: in UTC, and in the customer's zone next to it. */
final class TabTimes {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SHOWN_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
            Locale.ROOT);

    private TabTimes() {
    }

    /** {@code 2026-12-01 09:00:12 UTC}. */
    static String utc(Instant time) {
        return SHOWN_SECONDS.format(time.atZone(ZoneOffset.UTC)) + " UTC";
    }

    /**
     * The instant as ISO-8601 UTC and shown ({@code 2026-12-01 10:00 UTC}), and in {@code zone} when known as a local
     * date-time ({@code 2026-12-01T11:00}, the format the reschedule form takes) and shown
     * ({@code 2026-12-01 11:00 Europe/Lisbon}).
     */
    static Map<String, Object> both(Instant time, ZoneId zone) {
        if (time == null) {
            return null;
        }
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("utc", time.toString());
        times.put("utcShown", SHOWN.format(time.atZone(ZoneOffset.UTC)) + " UTC");
        if (zone != null) {
            times.put("zone", zone.getId());
            times.put("local", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time.atZone(zone).toLocalDateTime()));
            times.put("localShown", SHOWN.format(time.atZone(zone)) + " " + zone.getId());
        }
        return times;
    }
}
