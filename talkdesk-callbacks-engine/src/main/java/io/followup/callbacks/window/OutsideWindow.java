package io.followup.callbacks.window;

import java.util.Locale;
import java.util.Optional;

/** What happens to a callback time outside the windows. */
public enum OutsideWindow {
    NEXT_SLOT("book the earliest time every window allows, and say so"),
    REVIEW("send the request to the review (BPMN error CALLBACK_OUTSIDE_WINDOW; 400 at the webhook)");

    private final String meaning;

    OutsideWindow(String meaning) {
        this.meaning = meaning;
    }

    /** What the value means, in plain words. */
    public String meaning() {
        return meaning;
    }

    /** The value named by {@code text} (any case, dashes for underscores), if there is one. */
    public static Optional<OutsideWindow> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (OutsideWindow value : values()) {
            if (value.name().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
