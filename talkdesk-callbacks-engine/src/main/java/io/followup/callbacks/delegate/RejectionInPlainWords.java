package io.followup.callbacks.delegate;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.talkdesk.PhoneMask;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException.RejectedField;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Talkdesk's refusal as a supervisor reads it: one line per field, in the follow-up's own field names and values
 * ("Caller ID +351 21 999 9999 is not a number your Talkdesk account owns"), without codes or HTTP details, which
 * stay in {@code callbackRejectionDetail}. The customer's number is shown masked.
 */
final class RejectionInPlainWords {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private RejectionInPlainWords() {
    }

    static String of(CallbackRejectedException rejection, CallbackRequest request) {
        List<String> lines = new ArrayList<>();
        for (RejectedField field : rejection.fields()) {
            lines.add(line(field, request));
        }
        if (lines.isEmpty()) {
            String why = rejection.talkdeskMessage() == null || rejection.talkdeskMessage().isBlank()
                    ? "no reason given" : rejection.talkdeskMessage().strip();
            lines.add("Talkdesk refused the callback: " + PhoneMask.maskAll(why));
        }
        return String.join("\n", lines);
    }

    private static String line(RejectedField field, CallbackRequest request) {
        String name = field.name() == null ? "" : field.name().replace("/", "").toLowerCase(Locale.ROOT)
                .replace("_", "");
        String said = field.description() == null || field.description().isBlank() ? "was refused"
                : PhoneMask.maskAll(field.description().strip());
        return switch (name) {
            case "callerid" -> said.contains("owned") || said.contains("owns")
                    ? "Caller ID " + readable(request.callerId()) + " is not a number your Talkdesk account owns"
                    : "Caller ID " + readable(request.callerId()) + ": " + said;
            case "phonenumber" -> "Customer phone number " + PhoneMask.mask(request.phoneNumber()) + ": " + said;
            case "scheduledtimetocall", "timetocall" -> "Callback time "
                    + LOCAL_TIME.format(request.scheduledTime().atZone(request.timezone())) + " ("
                    + request.timezone() + "): " + said;
            case "timezone" -> "Customer time zone " + request.timezone() + ": " + said;
            case "agents" -> "Agents " + String.join(", ", request.assignees()) + ": " + said;
            case "ringgroups" -> "Ring groups " + String.join(", ", request.assignees()) + ": " + said;
            case "assigntype" -> "Assign to " + request.assignType() + ": " + said;
            case "notes" -> "Notes for the agent: " + said;
            case "interactionid" -> "Interaction " + request.interactionId() + ": " + said;
            default -> field.name() + ": " + said;
        };
    }

    /** +351 21 999 9999 for +351219999999. */
    private static String readable(String e164) {
        try {
            PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
            return numbers.format(numbers.parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException | RuntimeException e) {
            return e164;
        }
    }
}
