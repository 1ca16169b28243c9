package io.followup.callbacks.web;

import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import io.followup.callbacks.request.RawCallbackRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Body of {@code POST /api/follow-ups}: the follow-up's input variables, as documented in the README.
 * {@code assignees} may be a JSON array or a comma-separated string.
 */
public record FollowUpRequest(String ticketId, String phoneNumber, String phoneRegion, String callbackTime,
        String timezone, String assignType, Object assignees, String callerId, String interactionId, String notes,
        String callingWindow, String callingHours, String outsideWindow) {

    RawCallbackRequest toRaw() {
        return new RawCallbackRequest(ticketId, phoneNumber, phoneRegion, callbackTime, timezone, assignType,
                assignees, callerId, interactionId, notes, new RawCallbackRequest.WindowInputs(callingWindow,
                        callingHours, outsideWindow));
    }

    /** The non-null inputs as process variables. */
    Map<String, Object> toVariables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        put(variables, Variables.TICKET_ID, ticketId);
        put(variables, Variables.PHONE_NUMBER, phoneNumber);
        put(variables, Variables.PHONE_REGION, phoneRegion);
        put(variables, Variables.CALLBACK_TIME, callbackTime);
        put(variables, Variables.TIMEZONE, timezone);
        put(variables, Variables.ASSIGN_TYPE, assignType);
        put(variables, Variables.ASSIGNEES, assignees == null ? null : assigneesText());
        put(variables, Variables.CALLER_ID, callerId);
        put(variables, Variables.INTERACTION_ID, interactionId);
        put(variables, Variables.NOTES, notes);
        put(variables, Variables.CALLING_WINDOW, callingWindow);
        put(variables, Variables.CALLING_HOURS, callingHours);
        put(variables, Variables.OUTSIDE_WINDOW, outsideWindow);
        return variables;
    }

    private String assigneesText() {
        if (assignees instanceof java.util.Collection<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return assignees.toString();
    }

    private static void put(Map<String, Object> variables, String name, Object value) {
        if (value != null) {
            variables.put(name, value);
        }
    }
}
