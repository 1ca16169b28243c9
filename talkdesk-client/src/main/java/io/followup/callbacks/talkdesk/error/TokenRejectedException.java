package io.followup.callbacks.talkdesk.error;

/**
 * Talkdesk answered 401 to an API call: the token expired or was revoked. The client refreshes the token once and
 * repeats the call; only a second 401 becomes a {@link TalkdeskConfigurationException}.
 */
public class TokenRejectedException extends TalkdeskException {

    private final String operation;
    private final transient String rejectedToken;

    public TokenRejectedException(String operation, String talkdeskCode, String rejectedToken) {
        super("TDCB-401 Talkdesk rejected the access token for " + operation, 401, talkdeskCode, null);
        this.operation = operation;
        this.rejectedToken = rejectedToken;
    }

    /** {@code METHOD /path} of the refused call. */
    public String operation() {
        return operation;
    }

    /** The token that was refused, so only that one is dropped from the cache. Never logged. */
    public String rejectedToken() {
        return rejectedToken;
    }
}
