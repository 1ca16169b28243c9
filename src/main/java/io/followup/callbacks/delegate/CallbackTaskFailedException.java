package io.followup.callbacks.delegate;

import io.followup.callbacks.talkdesk.error.TalkdeskException;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import java.time.Duration;
import java.util.Optional;

/**
 * A technical failure of a callback step. The job executor retries it; when retries run out its message is the
 * incident message in Cockpit: the step, the ticket, the HTTP status and Talkdesk's code, never secrets or full phone
 * numbers.
 */
public class CallbackTaskFailedException extends RuntimeException {

    private final transient TalkdeskException failure;

    public CallbackTaskFailedException(String message, TalkdeskException failure) {
        super(message, failure);
        this.failure = failure;
    }

    /** How long Talkdesk asked us to wait before trying again, if it did. */
    public Optional<Duration> retryAfter() {
        return failure instanceof TalkdeskTransientException transientFailure ? transientFailure.retryAfter()
                : Optional.empty();
    }
}
