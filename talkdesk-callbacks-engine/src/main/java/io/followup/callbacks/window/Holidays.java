package io.followup.callbacks.window;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public holidays of a country, optionally of one of its regions, from Jollyday's kept calendars: {@code PT},
 * {@code GB}, {@code GB-ENG} (England), {@code US-NY}, {@code DE-BY}. The whole country's holidays apply everywhere;
 * a region adds its own.
 */
public final class Holidays {

    private static final int CACHED_DATES = 4096;

    private final Map<LocalDate, Optional<String>> known = new ConcurrentHashMap<>();
    private final String code;
    private final HolidayManager manager;
    private final String[] region;

    private Holidays(String code, HolidayManager manager, String[] region) {
        this.code = code;
        this.manager = manager;
        this.region = region;
    }

    /** {@code COUNTRY} or {@code COUNTRY-REGION}; the exception's message names the calendars there are. */
    public static Holidays of(String spec) {
        String code = spec.strip().toUpperCase(Locale.ROOT);
        String[] parts = code.split("-");
        String country = parts[0].toLowerCase(Locale.ROOT);
        Set<String> known = HolidayManager.getSupportedCalendarCodes();
        if (known.stream().noneMatch(country::equalsIgnoreCase)) {
            throw new IllegalArgumentException("'" + spec.strip() + "' is not a holiday calendar: use a country code "
                    + "such as PT, GB, US or DE, optionally with a region (GB-ENG, US-NY, DE-BY)");
        }
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(country));
        String[] region = Arrays.stream(parts).skip(1).map(p -> p.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        if (region.length > 0 && !manager.getCalendarHierarchy().getChildren().containsKey(region[0])) {
            throw new IllegalArgumentException("'" + spec.strip() + "' names a region " + parts[0] + " does not have: "
                    + "use one of " + manager.getCalendarHierarchy().getChildren().keySet().stream().sorted()
                            .map(r -> parts[0] + "-" + r.toUpperCase(Locale.ROOT)).toList());
        }
        return new Holidays(code, manager, region);
    }

    /** The holiday on {@code date}, by its English name, if there is one. */
    public Optional<String> on(LocalDate date) {
        if (known.size() > CACHED_DATES) {
            known.clear();
        }
        return known.computeIfAbsent(date, this::lookUp);
    }

    private Optional<String> lookUp(LocalDate date) {
        if (!manager.isHoliday(date, region)) {
            return Optional.empty();
        }
        return manager.getHolidays(date, date, region).stream().findFirst().map(Holidays::name).or(() ->
                Optional.of("a public holiday"));
    }

    private static String name(Holiday holiday) {
        String description = holiday.getDescription(Locale.ENGLISH);
        return description == null || description.isBlank() ? "a public holiday" : description;
    }

    @Override
    public String toString() {
        return code;
    }
}
