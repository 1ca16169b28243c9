package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.ASSIGNEES;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.ASSIGN_TYPE;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLER_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLING_HOURS;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLING_WINDOW;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.INTERACTION_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.NOTES;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.OUTSIDE_WINDOW;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.PHONE_NUMBER;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.PHONE_REGION;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.TICKET_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.TIMEZONE;

import io.followup.callbacks.request.RawCallbackRequest;
import java.util.Collection;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads the follow-up's inputs from a variable scope. Input parameters of the task (mapped by an analyst in Modeler)
 * shadow process variables of the same name, so models may map their own variable names. The ticket id falls back
 * to the business key.
 */
final class ProcessInputs {

    private ProcessInputs() {
    }

    static RawCallbackRequest read(VariableScope scope, String businessKey) {
        String ticketId = text(scope, TICKET_ID);
        return new RawCallbackRequest(ticketId == null ? businessKey : ticketId, text(scope, PHONE_NUMBER),
                text(scope, PHONE_REGION), text(scope, CALLBACK_TIME), text(scope, TIMEZONE),
                text(scope, ASSIGN_TYPE), assignees(scope.getVariable(ASSIGNEES)), text(scope, CALLER_ID),
                text(scope, INTERACTION_ID), text(scope, NOTES), new RawCallbackRequest.WindowInputs(
                        text(scope, CALLING_WINDOW), text(scope, CALLING_HOURS), text(scope, OUTSIDE_WINDOW)));
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        return value.toString();
    }

    private static Object assignees(Object value) {
        if (value == null || value instanceof Collection<?> || value instanceof String) {
            return value;
        }
        return value.toString();
    }
}
