package io.followup.callbacks.window;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Opening spans per day of the week, written as {@code MON-FRI 09:00-18:00; SAT 10:00-14:00} (entries separated by
 * {@code ;}, days as {@code MON}, {@code MON-FRI} or {@code SAT,SUN}, several spans per entry allowed:
 * {@code MON-FRI 09:00-12:30 13:30-18:00}). A day no entry names is closed. Spans of one day must not overlap.
 */
public final class WeeklyHours {

    /** Every day, all day. */
    public static final WeeklyHours ALWAYS = parse("MON-SUN 00:00-24:00");

    private final Map<DayOfWeek, List<LocalSpan>> days;

    private WeeklyHours(Map<DayOfWeek, List<LocalSpan>> days) {
        this.days = days;
    }

    /** Parses {@code spec}; the exception's message says what is wrong in plain words. */
    public static WeeklyHours parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("is empty: give opening hours such as MON-FRI 09:00-18:00");
        }
        Map<DayOfWeek, List<LocalSpan>> days = new EnumMap<>(DayOfWeek.class);
        for (String entry : spec.split(";")) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+");
            if (parts.length < 2) {
                throw new IllegalArgumentException("'" + text + "' needs days and at least one span, such as "
                        + "MON-FRI 09:00-18:00");
            }
            List<DayOfWeek> entryDays = days(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                LocalSpan span = LocalSpan.parse(parts[i]);
                for (DayOfWeek day : entryDays) {
                    List<LocalSpan> spans = days.computeIfAbsent(day, d -> new ArrayList<>());
                    for (LocalSpan other : spans) {
                        if (other.overlaps(span)) {
                            throw new IllegalArgumentException(name(day) + " " + other + " and " + span + " overlap");
                        }
                    }
                    spans.add(span);
                }
            }
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("is empty: give opening hours such as MON-FRI 09:00-18:00");
        }
        days.replaceAll((day, spans) -> spans.stream().sorted(Comparator.comparingInt(LocalSpan::startMinute))
                .toList());
        return new WeeklyHours(days);
    }

    private static List<DayOfWeek> days(String text) {
        List<DayOfWeek> result = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] range = part.split("-");
            if (range.length > 2 || part.isBlank()) {
                throw new IllegalArgumentException("'" + text + "' is not a day or range of days such as MON-FRI");
            }
            DayOfWeek first = day(range[0]);
            DayOfWeek last = range.length == 2 ? day(range[1]) : first;
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                result.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return result;
    }

    private static DayOfWeek day(String text) {
        String code = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(code) && code.length() >= 3) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + text.strip() + "' is not a day: use MON, TUE, WED, THU, FRI, SAT or "
                + "SUN");
    }

    /** The spans of {@code day}, earliest first; empty when closed. */
    public List<LocalSpan> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** The canonical text, consecutive days with the same spans together: {@code MON-FRI 09:00-18:00; SAT 10:00-14:00}. */
    @Override
    public String toString() {
        List<String> entries = new ArrayList<>();
        DayOfWeek[] week = DayOfWeek.values();
        for (int i = 0; i < week.length; ) {
            List<LocalSpan> spans = on(week[i]);
            int j = i;
            while (j + 1 < week.length && on(week[j + 1]).equals(spans)) {
                j++;
            }
            if (!spans.isEmpty()) {
                entries.add(code(week[i]) + (j > i ? "-" + code(week[j]) : "") + " " + spans.stream()
                        .map(LocalSpan::toString).collect(Collectors.joining(" ")));
            }
            i = j + 1;
        }
        return String.join("; ", entries);
    }

    private static String code(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WeeklyHours hours && hours.days.equals(days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }
}
