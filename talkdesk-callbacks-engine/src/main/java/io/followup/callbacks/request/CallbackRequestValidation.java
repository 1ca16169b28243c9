package io.followup.callbacks.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of validating a {@link RawCallbackRequest}: a request, or every problem found. */
public final class CallbackRequestValidation {

    private final CallbackRequest request;
    private final List<FieldProblem> problems;

    private CallbackRequestValidation(CallbackRequest request, List<FieldProblem> problems) {
        this.request = request;
        this.problems = List.copyOf(problems);
    }

    static CallbackRequestValidation valid(CallbackRequest request) {
        return new CallbackRequestValidation(request, List.of());
    }

    /** Every problem, the first one only per field (a value refused for its length is not judged further). */
    static CallbackRequestValidation invalid(List<FieldProblem> problems) {
        Map<String, FieldProblem> firstPerField = new LinkedHashMap<>();
        problems.forEach(problem -> firstPerField.putIfAbsent(problem.field(), problem));
        return new CallbackRequestValidation(null, List.copyOf(firstPerField.values()));
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    /** The valid request. */
    public CallbackRequest request() {
        if (!isValid()) {
            throw new IllegalStateException("the callback request is invalid: " + summary());
        }
        return request;
    }

    /** Every problem, each naming its field; empty when valid. */
    public List<FieldProblem> problems() {
        return problems;
    }

    /** One line naming every bad field, such as {@code phoneNumber: ...; callbackTime: ...}; no full numbers. */
    public String summary() {
        return FieldProblem.summary(problems);
    }
}
