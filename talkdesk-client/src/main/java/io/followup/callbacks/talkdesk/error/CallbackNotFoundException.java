package io.followup.callbacks.talkdesk.error;

/** The callback to update or cancel does not exist at Talkdesk (404). */
public class CallbackNotFoundException extends TalkdeskException {

    public CallbackNotFoundException(String operation, String talkdeskCode) {
        super("TDCB-404 Talkdesk does not know the callback of " + operation, 404, talkdeskCode, null);
    }
}
