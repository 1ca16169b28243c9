package io.followup.callbacks.request;

import java.util.List;

/**
 * What a look for the active callbacks of a number needs: the number in E.164 and, to prefer the ticket's own
 * callback, the ticket; or every problem with those inputs, each naming its field.
 */
public record CallbackLookup(String ticketId, String phoneNumber, List<FieldProblem> problems) {

    public CallbackLookup {
        problems = List.copyOf(problems);
    }

    /** The look for {@code request}'s number, preferring its ticket's callback. */
    public static CallbackLookup of(CallbackRequest request) {
        return new CallbackLookup(request.ticketId(), request.phoneNumber(), List.of());
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** One line naming every bad field, as {@link CallbackRequestValidation#summary()}. */
    public String summary() {
        return FieldProblem.summary(problems);
    }
}
