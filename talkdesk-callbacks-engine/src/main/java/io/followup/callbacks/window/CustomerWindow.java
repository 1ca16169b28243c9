package io.followup.callbacks.window;

import java.util.Optional;

/**
 * The customer's calling window, applied in the customer's zone. A callback the customer asked for is usually not
 * bound by the US TCPA hours (they cover solicitations), so this is a policy, not a law.
 */
public enum CustomerWindow {
    /** No calling window. */
    NONE,
    /** Every day 08:00-21:00. */
    US_TCPA,
    /** Monday to Friday 08:00-21:00, Saturday 09:00-21:00, no Sundays or UK bank holidays. */
    UK_OFCOM,
    /** The hours given in {@code talkdesk.windows.customer-hours} or the request's {@code callingHours}. */
    CUSTOM;

    /** The value named by {@code text} (any case, dashes for underscores), if there is one. */
    public static Optional<CustomerWindow> parse(String text) {
        return Choices.parse(values(), text);
    }
}
