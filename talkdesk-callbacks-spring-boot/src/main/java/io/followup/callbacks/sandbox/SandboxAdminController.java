package io.followup.callbacks.sandbox;

import io.followup.callbacks.engine.EngineAdmins;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What a person does in Talkdesk that the API cannot: see every callback, move one to a final status (so the
 * post-call check has something to find), revoke tokens, start over. Only for members of the
 * engine's admin group ({@code camunda-admin}, {@code operaton-admin} on Operaton), as authenticated by the host
 * (HTTP Basic in the app); anyone else gets 403.
 */
@RestController
@RequestMapping(SandboxApi.PATH + "/admin")
public class SandboxAdminController {

    private final SandboxCallbackStore store;
    private final SandboxTokens tokens;
    private final ProcessEngine engine;
    private final SandboxApi api;

    public SandboxAdminController(SandboxCallbackStore store, SandboxTokens tokens, ProcessEngine engine,
            SandboxApi api) {
        this.store = store;
        this.tokens = tokens;
        this.engine = engine;
        this.api = api;
    }

    /** Runs before every endpoint here. */
    @ModelAttribute
    void requireAdmin() {
        Authentication caller = engine.getIdentityService().getCurrentAuthentication();
        if (caller == null || !EngineAdmins.isAdmin(engine, caller.getUserId(), caller.getGroupIds())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the sandbox's admin endpoints are for "
                    + EngineAdmins.adminGroup(engine));
        }
    }

    @GetMapping("/callbacks")
    public List<Map<String, Object>> callbacks() {
        return store.all();
    }

    @PostMapping(path = "/callbacks/{callbackId}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> status(@PathVariable String callbackId, @RequestBody Map<String, String> body) {
        return store.setStatus(callbackId, body.get("status"));
    }

    @DeleteMapping("/callbacks")
    public ResponseEntity<Void> clear() {
        store.clear();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tokens/revocation")
    public ResponseEntity<Void> revokeTokens() {
        tokens.revokeAll();
        return ResponseEntity.noContent().build();
    }

    /** Talkdesk down: {@code {"status": 503, "seconds": 60}} (the defaults) makes every API call fail so long. */
    @PostMapping(path = "/outage", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> startOutage(@RequestBody Map<String, Object> body) {
        int status = body.get("status") instanceof Number number ? number.intValue() : 503;
        int seconds = body.get("seconds") instanceof Number number ? number.intValue() : 60;
        if (status < 500 || status > 599 || seconds < 1 || seconds > 3600) {
            return ResponseEntity.badRequest().body(Map.of("message",
                    "status must be a 5xx and seconds between 1 and 3600"));
        }
        api.startOutage(status, Duration.ofSeconds(seconds));
        return ResponseEntity.ok(Map.of("status", status, "seconds", seconds));
    }

    @DeleteMapping("/outage")
    public ResponseEntity<Void> endOutage() {
        api.endOutage();
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(SandboxException.class)
    public ResponseEntity<Map<String, Object>> error(SandboxException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.body());
    }
}
