package io.followup.callbacks.request;

import java.util.Locale;
import java.util.Optional;

/** Who receives an API-created callback. */
public enum AssignType {
    SPECIFIC_AGENT,
    SPECIFIC_RING_GROUP;

    /** The assign type named by {@code raw} (case-insensitive, trimmed), if any. */
    public static Optional<AssignType> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(raw.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
