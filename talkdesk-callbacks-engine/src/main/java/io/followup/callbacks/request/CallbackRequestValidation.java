package io.followup.callbacks.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of validating a {@link RawCallbackRequest}: a request, or every problem found. */
public final class CallbackRequestValidation {

    private final CallbackRequest request;
    private final List<FieldProblem> problems;
    private final WindowOutcome window;
    private final boolean outsideWindow;

    private CallbackRequestValidation(CallbackRequest request, List<FieldProblem> problems, WindowOutcome window,
            boolean outsideWindow) {
        this.request = request;
        this.problems = List.copyOf(problems);
        this.window = window;
        this.outsideWindow = outsideWindow;
    }

    static CallbackRequestValidation valid(CallbackRequest request, WindowOutcome window) {
        return new CallbackRequestValidation(request, List.of(), window, false);
    }

    /** A valid request whose time no calling window allows ({@code REVIEW}, beyond the horizon, no slot). */
    static CallbackRequestValidation outsideWindow(FieldProblem problem) {
        return new CallbackRequestValidation(null, List.of(problem), null, true);
    }

    /** Every problem, the first one only per field (a value refused for its length is not judged further). */
    static CallbackRequestValidation invalid(List<FieldProblem> problems) {
        Map<String, FieldProblem> firstPerField = new LinkedHashMap<>();
        problems.forEach(problem -> firstPerField.putIfAbsent(problem.field(), problem));
        return new CallbackRequestValidation(null, List.copyOf(firstPerField.values()), null, false);
    }

    /** Whether the request is otherwise valid and only its time is outside the calling windows. */
    public boolean isOutsideWindow() {
        return outsideWindow;
    }

    /** How the calling windows judged the valid request (its zone's source, a moved time). */
    public WindowOutcome window() {
        request();
        return window;
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
