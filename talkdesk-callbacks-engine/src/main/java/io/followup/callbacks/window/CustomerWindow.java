package io.followup.callbacks.window;

import java.util.Locale;
import java.util.Optional;

/** The customer's calling window, applied in the customer's zone. A callback the customer asked for is usually not bound by the US TCPA hours (they cover solicitations), so this is a policy, not a law. */
public enum CustomerWindow {
    NONE("no calling window"),
    US_TCPA("every day 08:00-21:00"),
    UK_OFCOM("Monday to Friday 08:00-21:00, Saturday 09:00-21:00, no Sundays or UK bank holidays"),
    CUSTOM("the hours given in talkdesk.windows.customer-hours or the request's callingHours");

    private final String meaning;

    CustomerWindow(String meaning) {
        this.meaning = meaning;
    }

    /** What the value means, in plain words. */
    public String meaning() {
        return meaning;
    }

    /** The value named by {@code text} (any case, dashes for underscores), if there is one. */
    public static Optional<CustomerWindow> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CustomerWindow value : values()) {
            if (value.name().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
