package io.followup.callbacks.window;

import java.util.Locale;
import java.util.Optional;

/** What happens when a request names no zone and its number maps to several. */
public enum AmbiguousZone {
    SAFE_WINDOW("apply the calling window in every zone the number maps to (the safe window)"),
    REVIEW("send the request to the review, asking for the customer's zone");

    private final String meaning;

    AmbiguousZone(String meaning) {
        this.meaning = meaning;
    }

    /** What the value means, in plain words. */
    public String meaning() {
        return meaning;
    }

    /** The value named by {@code text} (any case, dashes for underscores), if there is one. */
    public static Optional<AmbiguousZone> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AmbiguousZone value : values()) {
            if (value.name().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
