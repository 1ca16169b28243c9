package io.followup.callbacks.window;

import java.util.Optional;

/** What happens to a callback time outside the windows. */
public enum OutsideWindow {
    /** Book the earliest time every window allows, and say so. */
    NEXT_SLOT,
    /** Send the request to the review (BPMN error {@code CALLBACK_OUTSIDE_WINDOW}; 400 at the webhook). */
    REVIEW;

    /** The value named by {@code text} (any case, dashes for underscores), if there is one. */
    public static Optional<OutsideWindow> parse(String text) {
        return Choices.parse(values(), text);
    }
}
