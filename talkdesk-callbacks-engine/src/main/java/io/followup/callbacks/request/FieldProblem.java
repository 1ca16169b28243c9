package io.followup.callbacks.request;

import java.util.List;
import java.util.stream.Collectors;

/** One problem with one input field, named as the process variable ({@code phoneNumber}, {@code callbackTime}...). */
public record FieldProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }

    /** One line naming every problem's field, such as {@code phoneNumber: ...; callbackTime: ...}. */
    public static String summary(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; "));
    }
}
