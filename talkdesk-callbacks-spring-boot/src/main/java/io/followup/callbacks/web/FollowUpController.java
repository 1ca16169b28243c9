package io.followup.callbacks.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.followup.callbacks.cluster.LockBusyException;
import io.followup.callbacks.engine.FollowUpService;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.CallbackRequestValidation;
import io.followup.callbacks.request.FieldProblem;
import io.followup.callbacks.request.WindowOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook support systems call when a ticket is resolved: {@code POST /api/follow-ups} starts a follow-up
 * (202, or 200 with the running one for a repeated ticket; 400 naming every bad field, nothing started), and
 * {@code POST /api/follow-ups/{ticketId}/cancellation} cancels its callback.
 */
@RestController
@RequestMapping("/api/follow-ups")
public class FollowUpController {

    private final CallbackRequestFactory requests;
    private final FollowUpService followUps;
    private final WebhookCallers callers;

    public FollowUpController(CallbackRequestFactory requests, FollowUpService followUps, WebhookCallers callers) {
        this.requests = requests;
        this.followUps = followUps;
        this.callers = callers;
    }

    /** Runs before every endpoint here: only members of {@code talkdesk.webhook.allowed-groups}, when set. */
    @ModelAttribute
    void authorize() {
        callers.checkCaller();
    }

    @ExceptionHandler(WebhookCallers.NotAllowed.class)
    public ResponseEntity<Map<String, Object>> notAllowed(WebhookCallers.NotAllowed e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", e.getMessage()));
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> start(@RequestBody FollowUpRequest body) {
        CallbackRequestValidation validation = requests.validate(body.toRaw());
        if (!validation.isValid()) {
            return ResponseEntity.badRequest().body(problems(validation.problems()));
        }
        CallbackRequest request = validation.request();
        WindowOutcome window = validation.window();
        String ticketId = request.ticketId();
        Map<String, Object> variables = body.toVariables();
        String notes = requests.notes(body.notes()); // cut to length; a moved time's note is added by the process
        if (notes != null) {
            variables.put(Variables.NOTES, notes);
        }
        FollowUpService.Started started = callers.onTheirBehalf(() -> followUps.startOrFind(ticketId, variables));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ticketId", ticketId);
        answer.put("processInstanceId", started.processInstanceId());
        answer.put("created", started.created());
        if (started.created()) {
            answer.put(Variables.CALLBACK_TIME, request.scheduledTime().toString());
            answer.put(Variables.TIMEZONE, request.timezone().getId());
            answer.put(Variables.TIMEZONE_SOURCE, window.timezoneSource().name());
            answer.put(Variables.CALLBACK_TIME_MOVED, window.moved());
            if (window.moved()) {
                answer.put(Variables.CALLBACK_REQUESTED_TIME, window.requestedTime().toString());
                answer.put(Variables.CALLBACK_TIME_MOVED_REASON, window.movedReason());
            }
        }
        return ResponseEntity.status(started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(answer);
    }

    /** A JSON content type is required, so that no plain cross-site form or fetch can trigger it. */
    @PostMapping(value = "/{ticketId}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> cancel(@PathVariable String ticketId) {
        return switch (callers.onTheirBehalf(() -> followUps.requestCancellationOfTicket(ticketId))) {
            case REQUESTED -> ResponseEntity.accepted().body(Map.of("ticketId", ticketId, "message",
                    "cancellation requested"));
            case RECORDED -> ResponseEntity.accepted().body(Map.of("ticketId", ticketId, "message",
                    "cancellation recorded: the follow-up is booking, checking the outcome or in review and cancels "
                            + "as soon as that step ends"));
            case WITH_SUPERVISOR -> ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("ticketId", ticketId,
                    "message", "a supervisor is handling the missed callback of this follow-up (task Follow up "
                            + "missed callback): nothing would act on a cancellation now; tell the supervisor"));
            case NOT_FOUND -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("ticketId", ticketId,
                    "message", "no follow-up of this ticket is running"));
        };
    }

    @ExceptionHandler(LockBusyException.class)
    public ResponseEntity<Map<String, Object>> busy(LockBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(Map.of(
                "message", "another start or command of this ticket's follow-up is still running; try again", "errors",
                List.of()));
    }

    /** A body that is not UTF-8 JSON, not an object, or has a value of the wrong type: 400 naming the field. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        FieldProblem problem = new FieldProblem("body", "must be a UTF-8 JSON object with the follow-up's input "
                + "variables");
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && mapping.getPath().get(0).getFieldName() != null) {
            String field = mapping.getPath().get(0).getFieldName();
            problem = new FieldProblem(field, !(mapping instanceof MismatchedInputException)
                    ? "cannot be read: the body must be UTF-8 JSON" : field.equals(Variables.ASSIGNEES)
                            ? "must be a JSON array of strings or a comma-separated string" : "must be a string");
        }
        return ResponseEntity.badRequest().body(problems(List.of(problem)));
    }

    static Map<String, Object> problems(List<FieldProblem> problems) {
        return Map.of("message", "the follow-up request is invalid", "errors", problems.stream()
                .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
    }
}
