package io.followup.callbacks.talkdesk.error;

/**
 * The client is set up wrongly: credentials refused, a scope missing, a content type Talkdesk does not accept.
 * Retrying does not help until someone changes the configuration; the message says what to check.
 */
public class TalkdeskConfigurationException extends TalkdeskException {

    public TalkdeskConfigurationException(String message, int httpStatus, String talkdeskCode) {
        super(message, httpStatus, talkdeskCode, null);
    }
}
