package io.followup.callbacks.window;

/** Where the customer's zone of a follow-up came from, as {@code timezoneSource}. */
public enum TimezoneSource {
    /** The request named it. */
    GIVEN,
    /** The number maps to this one zone. */
    NUMBER,
    /** The number maps to several zones; the calling window held in all of them. */
    SAFE_WINDOW
}
