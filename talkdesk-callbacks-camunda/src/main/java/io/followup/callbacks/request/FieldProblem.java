package io.followup.callbacks.request;

/** One problem with one input field, named as the process variable ({@code phoneNumber}, {@code callbackTime}...). */
public record FieldProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
