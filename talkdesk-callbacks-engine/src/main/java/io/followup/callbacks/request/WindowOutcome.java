package io.followup.callbacks.request;

import io.followup.callbacks.window.TimezoneSource;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * How the calling windows judged a valid request: where the customer's zone came from (and every zone the number
 * maps to, for a safe window), the time asked for, whether it was moved and why, and the windows that applied.
 */
public record WindowOutcome(TimezoneSource timezoneSource, List<ZoneId> customerZones, Instant requestedTime,
        boolean moved, String movedReason, String applied) {

    public WindowOutcome {
        customerZones = List.copyOf(customerZones);
    }
}
