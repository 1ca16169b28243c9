package io.followup.callbacks.window;

import java.util.Locale;
import java.util.Optional;

/** Where the customer's zone of a follow-up came from, as {@code timezoneSource}. */
public enum TimezoneSource {
    GIVEN("the request named it"),
    NUMBER("the number maps to this one zone"),
    SAFE_WINDOW("the number maps to several zones; the calling window held in all of them");

    private final String meaning;

    TimezoneSource(String meaning) {
        this.meaning = meaning;
    }

    /** What the value means, in plain words. */
    public String meaning() {
        return meaning;
    }

    /** The value named by {@code text} (any case, dashes for underscores), if there is one. */
    public static Optional<TimezoneSource> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (TimezoneSource value : values()) {
            if (value.name().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
