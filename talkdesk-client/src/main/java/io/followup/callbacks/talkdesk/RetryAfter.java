package io.followup.callbacks.talkdesk;

import feign.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;

/** Reads an HTTP {@code Retry-After} header: delta seconds or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** How long {@code response} asks to wait, or {@code null} without a readable {@code Retry-After}. */
    public static Duration of(Response response, Clock clock) {
        Collection<String> values = response.headers().entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("Retry-After"))
                .map(e -> e.getValue()).findFirst().orElse(List.of());
        if (values.isEmpty()) {
            return null;
        }
        String value = values.iterator().next().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
