package io.followup.callbacks.talkdesk.error;

/**
 * Base of every failure the Talkdesk client reports. Messages carry a stable code ({@code TDCB-...}), the
 * operation, the HTTP status and Talkdesk's error code, never a token, a secret or a full phone number.
 */
public abstract class TalkdeskException extends RuntimeException {

    private final int httpStatus;
    private final String talkdeskCode;

    protected TalkdeskException(String message, int httpStatus, String talkdeskCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.talkdeskCode = talkdeskCode;
    }

    /** The HTTP status Talkdesk answered with, or {@code 0} when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Talkdesk's own error code from the error body, or {@code null}. */
    public String talkdeskCode() {
        return talkdeskCode;
    }
}
