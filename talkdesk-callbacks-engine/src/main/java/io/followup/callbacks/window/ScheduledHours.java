package io.followup.callbacks.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Weekly hours in one zone with the exceptions of a calendar: closed dates, public holidays, extra openings (which
 * open a date even when it is closed or a holiday). Judged by the local time in that zone, so a daylight saving
 * change moves nothing: 09:00 is 09:00 on both sides of it.
 */
final class ScheduledHours implements Window {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private final String name;
    private final ZoneId zone;
    private final WeeklyHours weekly;
    private final Set<LocalDate> closed;
    private final Holidays holidays;
    private final Map<LocalDate, List<LocalSpan>> extra;

    ScheduledHours(String name, ZoneId zone, WeeklyHours weekly, Set<LocalDate> closed, Holidays holidays,
            Map<LocalDate, List<LocalSpan>> extra) {
        this.name = name;
        this.zone = zone;
        this.weekly = weekly;
        this.closed = Set.copyOf(closed);
        this.holidays = holidays;
        this.extra = Map.copyOf(extra);
    }

    ZoneId zone() {
        return zone;
    }

    List<LocalSpan> spansOn(LocalDate date) {
        List<LocalSpan> base = closedOn(date).isPresent() ? List.of() : weekly.on(date.getDayOfWeek());
        List<LocalSpan> more = extra.getOrDefault(date, List.of());
        if (more.isEmpty()) {
            return base;
        }
        List<LocalSpan> all = new ArrayList<>(base);
        all.addAll(more);
        return all;
    }

    /** Why the whole of {@code date} is closed by the calendar (a closed date, a holiday), if it is. */
    private Optional<String> closedOn(LocalDate date) {
        if (closed.contains(date)) {
            return Optional.of("a closed date");
        }
        return holidays == null ? Optional.empty() : holidays.on(date);
    }

    @Override
    public boolean isOpen(Instant time) {
        LocalDateTime local = LocalDateTime.ofInstant(time, zone);
        return spansOn(local.toLocalDate()).stream().anyMatch(span -> span.contains(local.toLocalTime()));
    }

    @Override
    public void boundaries(Instant from, Instant to, Collection<Instant> into) {
        ZoneRules rules = zone.getRules();
        LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
        for (LocalDate date = LocalDate.ofInstant(from, zone).minusDays(1); !date.isAfter(last);
                date = date.plusDays(1)) {
            into.add(date.atStartOfDay(zone).toInstant());
            for (LocalSpan span : spansOn(date)) {
                addLocal(rules, date, span.startMinute(), into);
                addLocal(rules, date, span.endMinute(), into);
            }
        }
        for (ZoneOffsetTransition transition = rules.nextTransition(from.minusSeconds(1)); transition != null
                && !transition.getInstant().isAfter(to); transition = rules.nextTransition(transition.getInstant())) {
            into.add(transition.getInstant());
        }
    }

    /** Every instant showing {@code minute} of {@code date} locally: one, two in an autumn overlap, none in a gap. */
    private static void addLocal(ZoneRules rules, LocalDate date, int minute, Collection<Instant> into) {
        LocalDateTime local = minute == LocalSpan.DAY ? date.plusDays(1).atStartOfDay()
                : date.atTime(minute / 60, minute % 60);
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            into.add(rules.getTransition(local).getInstant());
        }
        for (ZoneOffset offset : offsets) {
            into.add(local.toInstant(offset));
        }
    }

    @Override
    public Optional<String> whyClosed(Instant time) {
        if (isOpen(time)) {
            return Optional.empty();
        }
        LocalDateTime local = LocalDateTime.ofInstant(time, zone);
        LocalDate date = local.toLocalDate();
        Optional<String> closedDay = closedOn(date);
        List<LocalSpan> spans = spansOn(date);
        if (spans.isEmpty() && closedDay.isPresent()) {
            return Optional.of(name + " is closed on " + DATE.format(date) + " (" + closedDay.get() + ")");
        }
        if (spans.isEmpty() && extra.keySet().stream().noneMatch(d -> d.getDayOfWeek() == date.getDayOfWeek())) {
            return Optional.of(name + " is closed on " + WeeklyHours.name(date.getDayOfWeek()) + "s");
        }
        if (spans.isEmpty()) {
            return Optional.of(name + " is closed on " + DATE.format(date));
        }
        return Optional.of(name + " is closed at " + LocalSpan.text(local.getHour() * 60 + local.getMinute()) + " "
                + zone.getId() + " on " + WeeklyHours.name(date.getDayOfWeek()) + "s (open " + spans.stream()
                        .map(LocalSpan::toString).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder(name).append(": ").append(weekly.equals(WeeklyHours.ALWAYS)
                ? "every day, all day" : weekly.toString()).append(" ").append(zone.getId());
        if (holidays != null) {
            text.append(", closed on ").append(holidays).append(" public holidays");
        }
        if (!closed.isEmpty()) {
            text.append(", closed on ").append(closed.stream().sorted().map(LocalDate::toString)
                    .collect(Collectors.joining(", ")));
        }
        if (!extra.isEmpty()) {
            text.append(", also open ").append(extra.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " " + e.getValue().stream().map(LocalSpan::toString)
                            .collect(Collectors.joining(" "))).collect(Collectors.joining(", ")));
        }
        return text.toString();
    }
}
