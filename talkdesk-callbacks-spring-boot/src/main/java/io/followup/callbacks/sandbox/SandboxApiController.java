package io.followup.callbacks.sandbox;

import io.followup.callbacks.sandbox.SandboxApi.Answer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Serves the {@link SandboxApi} over the app's own HTTP port, under {@code /talkdesk-sandbox}. */
@RestController
@RequestMapping(SandboxApi.PATH)
public class SandboxApiController {

    private final SandboxApi api;

    public SandboxApiController(SandboxApi api) {
        this.api = api;
    }

    /** How many API calls the sandbox refused with 429 because of {@code talkdesk.sandbox.rate-limit}. */
    public int rateLimitedCount() {
        return api.rateLimitedCount();
    }

    /** How many API calls (token calls aside) the sandbox served. */
    public int admittedCount() {
        return api.admittedCount();
    }

    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Object> token(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestParam(value = "grant_type", required = false) String grantType,
            @RequestParam(value = "scope", required = false) String scope) {
        return entity(api.token(authorization, grantType, scope));
    }

    @GetMapping("/schedule-callbacks")
    public ResponseEntity<Object> list(@RequestHeader(value = "Authorization", required = false)
            String authorization, @RequestParam(value = "phone_number", required = false) String phoneNumber,
            @RequestParam(value = "status", required = false) String status,
            @RequestParam(value = "agent_id", required = false) String agentIds,
            @RequestParam(value = "page", defaultValue = "1") int page,
            @RequestParam(value = "per_page", required = false) Integer perPage) {
        return entity(api.list(authorization, phoneNumber, status, agentIds, page, perPage));
    }

    @PostMapping("/schedule-callbacks")
    public ResponseEntity<Object> create(@RequestHeader(value = "Authorization", required = false)
            String authorization, @RequestHeader(value = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) String body) {
        return entity(api.create(authorization, contentType, body));
    }

    @PatchMapping("/schedule-callbacks/{callbackId}")
    public ResponseEntity<Object> patch(@RequestHeader(value = "Authorization", required = false)
            String authorization, @RequestHeader(value = "Content-Type", required = false) String contentType,
            @PathVariable String callbackId, @RequestBody(required = false) String body) {
        return entity(api.patch(authorization, contentType, callbackId, body));
    }

    @DeleteMapping("/schedule-callbacks/{callbackId}")
    public ResponseEntity<Object> cancel(@RequestHeader(value = "Authorization", required = false)
            String authorization, @PathVariable String callbackId) {
        return entity(api.cancel(authorization, callbackId));
    }

    private static ResponseEntity<Object> entity(Answer answer) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status());
        if (answer.contentType() != null) {
            builder.contentType(MediaType.parseMediaType(answer.contentType()));
        }
        if (answer.retryAfter() != null) {
            builder.header("Retry-After", answer.retryAfter());
        }
        return answer.body() == null ? builder.build() : builder.body(answer.body());
    }
}
