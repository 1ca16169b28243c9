package io.followup.callbacks.window;

import java.util.Optional;

/** What happens when a request names no zone and its number maps to several. */
public enum AmbiguousZone {
    /** Apply the calling window in every zone the number maps to (the safe window). */
    SAFE_WINDOW,
    /** Send the request to the review, asking for the customer's zone. */
    REVIEW;

    /** The value named by {@code text} (any case, dashes for underscores), if there is one. */
    public static Optional<AmbiguousZone> parse(String text) {
        return Choices.parse(values(), text);
    }
}
