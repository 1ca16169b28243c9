package io.followup.callbacks.window;

import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.settings.InvalidTalkdeskConfigurationException;
import io.followup.callbacks.settings.TalkdeskProperties;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a callback may be booked, and what to do with a time that is not allowed: the customer's calling window (in
 * the customer's zone, or in every zone the number maps to), the opening hours of the ring groups or agents it is
 * assigned to (in the contact center's zone, with closed dates, public holidays and extra openings), and the
 * booking horizon. Built once from {@code talkdesk.windows.*}, every problem named by its property.
 */
public final class CallingWindows {

    /** Nothing restricted: any time, however far ahead (the library's tests of other things, hosts that opt out). */
    public static final CallingWindows NONE = new CallingWindows(CustomerWindow.NONE, null, OutsideWindow.NEXT_SLOT,
            AmbiguousZone.SAFE_WINDOW, Duration.ofDays(100L * 366), ZoneOffset.UTC, null, Map.of(),
            Set.of(), null, Map.of());

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM HH:mm",
            Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final WeeklyHours US_TCPA_HOURS = WeeklyHours.parse("MON-SUN 08:00-21:00");
    private static final WeeklyHours UK_OFCOM_HOURS = WeeklyHours.parse("MON-FRI 08:00-21:00; SAT 09:00-21:00");

    private final CustomerWindow customer;
    private final WeeklyHours customerHours;
    private final OutsideWindow outside;
    private final AmbiguousZone ambiguousZone;
    private final Duration horizon;
    private final ZoneId centerZone;
    private final WeeklyHours openingHours;
    private final Map<String, WeeklyHours> ringGroupHours;
    private final Set<LocalDate> closedDates;
    private final Holidays holidays;
    private final Map<LocalDate, List<LocalSpan>> extraOpenings;

    private CallingWindows(CustomerWindow customer, WeeklyHours customerHours, OutsideWindow outside,
            AmbiguousZone ambiguousZone, Duration horizon, ZoneId centerZone,
            WeeklyHours openingHours, Map<String, WeeklyHours> ringGroupHours, Set<LocalDate> closedDates,
            Holidays holidays, Map<LocalDate, List<LocalSpan>> extraOpenings) {
        this.customer = customer;
        this.customerHours = customerHours;
        this.outside = outside;
        this.ambiguousZone = ambiguousZone;
        this.horizon = horizon;
        this.centerZone = centerZone;
        this.openingHours = openingHours;
        this.ringGroupHours = Map.copyOf(ringGroupHours);
        this.closedDates = Set.copyOf(closedDates);
        this.holidays = holidays;
        this.extraOpenings = Map.copyOf(extraOpenings);
        if (customer == CustomerWindow.UK_OFCOM) {
            UkBankHolidays.load(); // read Jollyday's GB calendar at start, not at the first booking
        }
    }

    /** From {@code talkdesk.windows.*}; every bad setting named in one exception. */
    public static CallingWindows from(TalkdeskProperties.Windows settings) {
        List<String> problems = new ArrayList<>();
        String prefix = TalkdeskProperties.PREFIX + ".windows.";
        CustomerWindow customer = settings.getCustomer() == null ? CustomerWindow.NONE : settings.getCustomer();
        WeeklyHours customerHours = null;
        if (customer == CustomerWindow.CUSTOM || settings.getCustomerHours() != null
                && !settings.getCustomerHours().isBlank()) {
            customerHours = hours(prefix + "customer-hours", settings.getCustomerHours(), problems);
        }
        Duration horizon = settings.getHorizon();
        if (horizon == null || horizon.compareTo(Duration.ofDays(1)) < 0) {
            problems.add(prefix + "horizon must be at least 1 day (is " + horizon + ")");
        }
        Duration expiry = settings.getExpiry();
        if (expiry == null || expiry.isNegative() || expiry.isZero()) {
            problems.add(prefix + "expiry must be more than zero (is " + expiry + ")");
        }
        ZoneId zone = zone(prefix + "zone", settings.getZone(), problems);
        WeeklyHours opening = settings.getOpeningHours() == null || settings.getOpeningHours().isBlank() ? null
                : hours(prefix + "opening-hours", settings.getOpeningHours(), problems);
        Map<String, WeeklyHours> groups = new LinkedHashMap<>();
        settings.getRingGroupHours().forEach((group, spec) -> {
            WeeklyHours hours = hours(prefix + "ring-group-hours." + group, spec, problems);
            if (hours != null) {
                groups.put(group.strip(), hours);
            }
        });
        Set<LocalDate> closed = new TreeSet<>();
        for (String date : settings.getClosedDates()) {
            try {
                closed.add(LocalDate.parse(date.strip()));
            } catch (DateTimeParseException e) {
                problems.add(prefix + "closed-dates: '" + date.strip() + "' is not a date such as 2026-12-24");
            }
        }
        Holidays holidays = null;
        if (settings.getHolidays() != null && !settings.getHolidays().isBlank()) {
            try {
                holidays = Holidays.of(settings.getHolidays());
            } catch (IllegalArgumentException e) {
                problems.add(prefix + "holidays: " + e.getMessage());
            }
        }
        Map<LocalDate, List<LocalSpan>> extra = extraOpenings(prefix + "extra-openings", settings.getExtraOpenings(),
                problems);
        if (!problems.isEmpty()) {
            throw new InvalidTalkdeskConfigurationException(problems);
        }
        return new CallingWindows(customer, customerHours,
                settings.getOutside() == null ? OutsideWindow.NEXT_SLOT : settings.getOutside(),
                settings.getAmbiguousZone() == null ? AmbiguousZone.SAFE_WINDOW : settings.getAmbiguousZone(),
                horizon, zone, opening, groups, closed, holidays, extra);
    }

    private static WeeklyHours hours(String property, String spec, List<String> problems) {
        try {
            return WeeklyHours.parse(spec);
        } catch (IllegalArgumentException e) {
            problems.add(property + ": " + e.getMessage());
            return null;
        }
    }

    private static ZoneId zone(String property, String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            problems.add(property + ": '" + text.strip() + "' is not an IANA time zone such as Europe/Lisbon");
            return ZoneOffset.UTC;
        }
    }

    private static Map<LocalDate, List<LocalSpan>> extraOpenings(String property, List<String> entries,
            List<String> problems) {
        Map<LocalDate, List<LocalSpan>> extra = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.strip().split("\\s+");
            try {
                if (parts.length < 2) {
                    throw new IllegalArgumentException("needs a date and a span");
                }
                LocalDate date = LocalDate.parse(parts[0]);
                for (int i = 1; i < parts.length; i++) {
                    extra.computeIfAbsent(date, d -> new ArrayList<>()).add(LocalSpan.parse(parts[i]));
                }
            } catch (DateTimeParseException | IllegalArgumentException e) {
                problems.add(property + ": '" + entry.strip() + "' is not a date with spans such as "
                        + "2026-12-27 10:00-14:00");
            }
        }
        return extra;
    }

    /** Whether {@code talkdesk.windows.customer-hours} is set (a request may then ask for CUSTOM alone). */
    public boolean hasCustomerHours() {
        return customerHours != null;
    }

    public AmbiguousZone ambiguousZone() {
        return ambiguousZone;
    }

    /** What one request may change: the customer's window and its hours, and what happens outside. */
    public record Overrides(CustomerWindow customer, WeeklyHours customerHours, OutsideWindow outside) {

        public static final Overrides NONE = new Overrides(null, null, null);
    }

    /** The outcome: the time to book (as asked, or moved), or why no time can be booked. */
    public sealed interface Verdict permits Inside, Moved, Outside {

        /** Every window that applied, in plain words. */
        String applied();
    }

    /** The time asked for is allowed. */
    public record Inside(Instant time, String applied) implements Verdict {
    }

    /** The time asked for was not allowed; {@code time} is the earliest that is. */
    public record Moved(Instant time, Instant requested, String reason, String applied) implements Verdict {
    }

    /** Not bookable as asked: {@code message} says why and, when there is one, the next allowed time. */
    public record Outside(String message, Optional<Instant> next, String applied) implements Verdict {
    }

    /**
     * Judges {@code time} for a customer in {@code customerZones} (one, or every zone of a safe window), assigned
     * {@code type} to {@code assignees}, at {@code now}.
     */
    public Verdict judge(Instant time, List<ZoneId> customerZones, AssignType type, List<String> assignees,
            Overrides overrides, Instant now) {
        Window window = Window.allOf(List.of(customerWindow(customerZones, overrides), targetWindow(type, assignees)));
        String applied = window.describe();
        ZoneId shownIn = customerZones.get(0);
        Instant limit = now.plus(horizon);
        if (time.isAfter(limit)) {
            return new Outside("The callback time " + local(time, shownIn) + " is " + Duration.between(now, time)
                    .toDays() + " days ahead: callbacks are booked at most " + horizon.toDays() + " days ahead",
                    Optional.empty(), applied);
        }
        if (window.isOpen(time)) {
            return new Inside(time, applied);
        }
        String why = capitalised(window.whyClosed(time).orElse("the time is outside the calling windows"));
        Optional<Instant> next = earliestOpen(window, time, limit);
        OutsideWindow mode = overrides.outside() != null ? overrides.outside() : outside;
        if (next.isEmpty()) {
            return new Outside(why + "; no time in the next " + horizon.toDays() + " days suits every window",
                    Optional.empty(), applied);
        }
        String nextText = "the next open time is " + local(next.get(), shownIn) + " ("
                + TIME.format(next.get().atZone(ZoneOffset.UTC)) + " UTC)";
        if (mode == OutsideWindow.REVIEW) {
            return new Outside(why + "; " + nextText, next, applied);
        }
        return new Moved(next.get(), time, why + "; moved from " + local(time, shownIn) + " to the next open time, "
                + local(next.get(), shownIn), applied);
    }

    /** The earliest instant in {@code [from, until]} at which {@code window} is open. */
    static Optional<Instant> earliestOpen(Window window, Instant from, Instant until) {
        if (window.isOpen(from)) {
            return Optional.of(from);
        }
        TreeSet<Instant> boundaries = new TreeSet<>();
        window.boundaries(from, until, boundaries);
        for (Instant boundary : boundaries.subSet(from, false, until, true)) {
            if (window.isOpen(boundary)) {
                return Optional.of(boundary);
            }
        }
        return Optional.empty();
    }

    Window customerWindow(List<ZoneId> zones, Overrides overrides) {
        CustomerWindow preset = overrides.customer() != null ? overrides.customer() : customer;
        if (preset == CustomerWindow.NONE) {
            return Window.ALWAYS;
        }
        WeeklyHours hours = switch (preset) {
            case US_TCPA -> US_TCPA_HOURS;
            case UK_OFCOM -> UK_OFCOM_HOURS;
            default -> overrides.customerHours() != null ? overrides.customerHours() : customerHours;
        };
        if (hours == null) {
            throw new IllegalStateException("a CUSTOM calling window without hours");
        }
        Holidays closedOn = preset == CustomerWindow.UK_OFCOM ? UkBankHolidays.GB : null;
        List<ScheduledHours> perZone = new ArrayList<>();
        for (ZoneId zone : new LinkedHashSet<>(zones)) {
            perZone.add(new ScheduledHours("The customer's calling window (" + preset + (zones.size() > 1
                    ? ", in " + zone.getId() : "") + ")", zone, hours, Set.of(), closedOn, Map.of()));
        }
        return perZone.size() == 1 ? perZone.get(0) : new SafeWindow(preset, hours, perZone);
    }

    /**
     * The customer's calling window in every zone a number maps to: open when it is open in all of them; when closed,
     * it names how many zones are closed and the first few, not one sentence per zone.
     */
    private record SafeWindow(CustomerWindow preset, WeeklyHours hours, List<ScheduledHours> zones) implements Window {

        private static final int NAMED = 3;

        @Override
        public boolean isOpen(Instant time) {
            return zones.stream().allMatch(zone -> zone.isOpen(time));
        }

        @Override
        public void boundaries(Instant from, Instant to, java.util.Collection<Instant> into) {
            zones.forEach(zone -> zone.boundaries(from, to, into));
        }

        @Override
        public Optional<String> whyClosed(Instant time) {
            List<String> closed = zones.stream().filter(zone -> !zone.isOpen(time))
                    .map(zone -> zone.zone().getId() + " " + TIME.format(time.atZone(zone.zone()))).toList();
            if (closed.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of("The customer's calling window (" + preset + ", " + hours + ") is closed in "
                    + closed.size() + " of the " + zones.size() + " zones the number maps to (" + String.join(", ",
                            closed.subList(0, Math.min(NAMED, closed.size()))) + (closed.size() > NAMED ? ", ..." : "")
                    + ")");
        }

        @Override
        public String describe() {
            return "The customer's calling window (" + preset + "): " + hours + " in each of the " + zones.size()
                    + " zones the number maps to (" + String.join(", ", zones.stream().limit(NAMED)
                            .map(zone -> zone.zone().getId()).toList())
                    + (zones.size() > NAMED ? ", ..." : "") + ")";
        }
    }

    /** Jollyday's UK calendar, read once, when the first window needs it. */
    private static final class UkBankHolidays {

        static final Holidays GB = Holidays.of("GB");

        static void load() {
            // the class initialiser reads the calendar
        }
    }

    Window targetWindow(AssignType type, List<String> assignees) {
        if (openingHours == null && ringGroupHours.isEmpty() && closedDates.isEmpty() && holidays == null) {
            return Window.ALWAYS;
        }
        WeeklyHours fallback = openingHours != null ? openingHours : WeeklyHours.ALWAYS;
        if (type != AssignType.SPECIFIC_RING_GROUP) {
            return new ScheduledHours("The contact center", centerZone, fallback, closedDates, holidays,
                    extraOpenings);
        }
        List<Window> groups = new ArrayList<>();
        for (String group : assignees) {
            groups.add(new ScheduledHours("Ring group " + group, centerZone, ringGroupHours.getOrDefault(group,
                    fallback), closedDates, holidays, extraOpenings));
        }
        return Window.anyOf(groups);
    }

    private static String local(Instant time, ZoneId zone) {
        return DAY_TIME.format(time.atZone(zone)) + " " + zone.getId();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
