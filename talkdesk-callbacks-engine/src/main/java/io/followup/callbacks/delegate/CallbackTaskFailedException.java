package io.followup.callbacks.delegate;

import io.followup.callbacks.talkdesk.error.TalkdeskException;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A technical failure of a callback step. The job executor retries it; when retries run out its message is the
 * incident message in Cockpit: the step, the ticket, the HTTP status and Talkdesk's code, never secrets or full phone
 * numbers.
 */
public class CallbackTaskFailedException extends RuntimeException {

    private final transient TalkdeskException failure;
    private final transient Map<String, String> keep;

    public CallbackTaskFailedException(String message, TalkdeskException failure) {
        this(message, failure, Map.of());
    }

    /** A failure after which {@code keep} is stored on the follow-up, although the job's transaction rolls back. */
    public CallbackTaskFailedException(String message, TalkdeskException failure, Map<String, String> keep) {
        super(message, failure);
        this.failure = failure;
        this.keep = Map.copyOf(keep);
    }

    /** Process variables the failed-job handling stores on the follow-up in its own transaction. */
    public Map<String, String> variablesToKeep() {
        return keep;
    }

    /** How long Talkdesk asked us to wait before trying again, if it did. */
    public Optional<Duration> retryAfter() {
        return failure instanceof TalkdeskTransientException transientFailure ? transientFailure.retryAfter()
                : Optional.empty();
    }
}
