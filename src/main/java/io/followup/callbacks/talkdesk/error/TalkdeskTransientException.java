package io.followup.callbacks.talkdesk.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away by itself: 429, 5xx, timeouts, connection resets. The job executor retries it;
 * {@link #retryAfter()} holds how long Talkdesk asked us to wait, when it said so.
 */
public class TalkdeskTransientException extends TalkdeskException {

    private final Duration retryAfter;

    public TalkdeskTransientException(String message, int httpStatus, String talkdeskCode, Duration retryAfter,
            Throwable cause) {
        super(message, httpStatus, talkdeskCode, cause);
        this.retryAfter = retryAfter;
    }

    /** How long to wait before the next attempt, when Talkdesk sent {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** True when Talkdesk answered 429 Too Many Requests. */
    public boolean isRateLimited() {
        return httpStatus() == 429;
    }
}
