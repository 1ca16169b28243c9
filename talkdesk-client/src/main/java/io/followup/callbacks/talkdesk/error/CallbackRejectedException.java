package io.followup.callbacks.talkdesk.error;

import io.followup.callbacks.talkdesk.PhoneMask;
import java.util.List;
import java.util.stream.Collectors;

/** Talkdesk refused the request (400 or 422): a business rejection, never retried. */
public class CallbackRejectedException extends TalkdeskException {

    private final String talkdeskMessage;
    private final List<RejectedField> fields;

    public CallbackRejectedException(String operation, int httpStatus, String talkdeskCode, String talkdeskMessage,
            List<RejectedField> fields) {
        super(describe(operation, httpStatus, talkdeskCode, talkdeskMessage, fields), httpStatus, talkdeskCode, null);
        this.talkdeskMessage = talkdeskMessage;
        this.fields = List.copyOf(fields);
    }

    /** Talkdesk's human-readable message. */
    public String talkdeskMessage() {
        return talkdeskMessage;
    }

    /** The fields Talkdesk complained about, possibly empty. */
    public List<RejectedField> fields() {
        return fields;
    }

    private static String describe(String operation, int status, String code, String message,
            List<RejectedField> fields) {
        StringBuilder text = new StringBuilder("TDCB-400 Talkdesk rejected ").append(operation)
                .append(" (HTTP ").append(status);
        if (code != null) {
            text.append(", ").append(code);
        }
        text.append(')');
        if (message != null && !message.isBlank()) {
            text.append(": ").append(message);
        }
        if (!fields.isEmpty()) {
            text.append(" [").append(fields.stream().map(RejectedField::toString).collect(Collectors.joining("; ")))
                    .append(']');
        }
        return PhoneMask.maskAll(text.toString());
    }

    /** One field of Talkdesk's {@code fields} list. */
    public record RejectedField(String name, String description) {
        @Override
        public String toString() {
            return description == null ? name : name + ": " + description;
        }
    }
}
