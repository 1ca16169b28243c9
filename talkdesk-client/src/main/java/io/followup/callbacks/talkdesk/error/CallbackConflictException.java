package io.followup.callbacks.talkdesk.error;

/** The callback can no longer be changed, for example because it reached a final status (409). */
public class CallbackConflictException extends TalkdeskException {

    public CallbackConflictException(String operation, String talkdeskCode, String talkdeskMessage) {
        super("TDCB-409 Talkdesk refused " + operation + " because the callback can no longer be changed"
                + (talkdeskMessage == null ? "" : ": " + talkdeskMessage), 409, talkdeskCode, null);
    }
}
