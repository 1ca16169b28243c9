package io.followup.callbacks.talkdesk.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may go away by itself: 429, 5xx, timeouts, connection resets. The job executor retries it;
 * {@link #retryAfter()} holds how long Talkdesk asked us to wait, when it said so.
 */
public class TalkdeskTransientException extends TalkdeskException {

    private final Duration retryAfter;
    private final boolean mayHaveActed;

    /** A failure after which Talkdesk certainly did nothing: it answered (5xx, 429), or nothing was sent. */
    public TalkdeskTransientException(String message, int httpStatus, String talkdeskCode, Duration retryAfter,
            Throwable cause) {
        this(message, httpStatus, talkdeskCode, retryAfter, cause, false);
    }

    /** {@code mayHaveActed}: the request was sent and no answer came (read time-out, reset). */
    public TalkdeskTransientException(String message, int httpStatus, String talkdeskCode, Duration retryAfter,
            Throwable cause, boolean mayHaveActed) {
        super(message, httpStatus, talkdeskCode, cause);
        this.retryAfter = retryAfter;
        this.mayHaveActed = mayHaveActed;
    }

    /**
     * True when the request reached Talkdesk, or may have, and no answer came back (a read time-out, a connection
     * reset after sending): Talkdesk may have acted on it. False for an answer (5xx, 429), a refused connection, a
     * connect time-out, a token failure or a request that was never sent.
     */
    public boolean mayHaveActed() {
        return mayHaveActed;
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
