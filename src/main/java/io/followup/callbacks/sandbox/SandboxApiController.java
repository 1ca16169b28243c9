package io.followup.callbacks.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.callbacks.config.TalkdeskConnectionResolver;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's Talkdesk API over real HTTP: OAuth token endpoint and the Scheduled Callbacks endpoints, with
 * Talkdesk's paths, JSON, paging and error shapes.
 */
@RestController
@RequestMapping(TalkdeskConnectionResolver.SANDBOX_PATH)
public class SandboxApiController {

    private static final MediaType HAL = MediaType.parseMediaType("application/hal+json");
    private static final String JSON_PATCH = "application/json-patch+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxCallbackStore store;
    private final SandboxTokens tokens;
    private final SandboxProperties properties;

    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger admitted = new AtomicInteger();
    private long windowStart = System.nanoTime();
    private int inWindow;

    public SandboxApiController(SandboxCallbackStore store, SandboxTokens tokens, SandboxProperties properties) {
        this.store = store;
        this.tokens = tokens;
        this.properties = properties;
    }

    /** How many API calls the sandbox refused with 429 because of {@code talkdesk.sandbox.rate-limit}. */
    public int rateLimitedCount() {
        return rateLimited.get();
    }

    /** How many API calls (token calls aside) the sandbox served. */
    public int admittedCount() {
        return admitted.get();
    }

    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Map<String, Object>> token(
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestParam(value = "grant_type", required = false) String grantType,
            @RequestParam(value = "scope", required = false) String scope) {
        if (!tokens.acceptsClient(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid_client",
                    "error_description", "Client authentication failed"));
        }
        if (!"client_credentials".equals(grantType)) {
            return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type",
                    "error_description", "Only client_credentials is supported"));
        }
        return ResponseEntity.ok(Map.of("access_token", tokens.issue(), "token_type", "Bearer", "expires_in",
                properties.getTokenTtl().toSeconds(), "scope", scope == null ? "" : scope));
    }

    @GetMapping("/schedule-callbacks")
    public ResponseEntity<Map<String, Object>> list(@RequestHeader(value = "Authorization", required = false)
            String authorization, @RequestParam(value = "phone_number", required = false) String phoneNumber,
            @RequestParam(value = "status", required = false) String status,
            @RequestParam(value = "agent_id", required = false) String agentIds,
            @RequestParam(value = "page", defaultValue = "1") int page,
            @RequestParam(value = "per_page", required = false) Integer perPage) {
        authorize(authorization);
        int size = perPage == null ? properties.getDefaultPerPage() : perPage;
        if (page < 1 || size < 1 || size > properties.getMaxPerPage()) {
            throw new SandboxException(400, "BAD_REQUEST", "page must be >= 1 and per_page between 1 and "
                    + properties.getMaxPerPage());
        }
        Set<String> agents = agentIds == null ? Set.of() : Arrays.stream(agentIds.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        SandboxCallbackStore.Page result = store.list(phoneNumber, status, agents, page, size);
        int totalPages = Math.max(1, (result.total() + size - 1) / size);
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", Map.of("href", link(phoneNumber, status, page, size)));
        if (page < totalPages) {
            links.put("next", Map.of("href", link(phoneNumber, status, page + 1, size)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", result.total());
        body.put("page", page);
        body.put("per_page", size);
        body.put("total_pages", totalPages);
        body.put("count", result.callbacks().size());
        body.put("_links", links);
        body.put("_embedded", Map.of("callbacks", result.callbacks()));
        return ResponseEntity.ok().contentType(HAL).body(body);
    }

    @PostMapping("/schedule-callbacks")
    public ResponseEntity<Map<String, Object>> create(@RequestHeader(value = "Authorization", required = false)
            String authorization, @RequestHeader(value = "Content-Type", required = false) String contentType,
            @RequestBody(required = false) String body) {
        authorize(authorization);
        Map<String, Object> callback = read(contentType, MediaType.APPLICATION_JSON_VALUE, body,
                new TypeReference<Map<String, Object>>() { });
        return ResponseEntity.status(HttpStatus.CREATED).body(store.create(callback));
    }

    @PatchMapping("/schedule-callbacks/{callbackId}")
    public ResponseEntity<Map<String, Object>> patch(@RequestHeader(value = "Authorization", required = false)
            String authorization, @RequestHeader(value = "Content-Type", required = false) String contentType,
            @PathVariable String callbackId, @RequestBody(required = false) String body) {
        authorize(authorization);
        List<Map<String, Object>> patch = read(contentType, JSON_PATCH, body,
                new TypeReference<List<Map<String, Object>>>() { });
        return ResponseEntity.ok(store.patch(callbackId, patch));
    }

    private static <T> T read(String contentType, String expected, String body, TypeReference<T> type) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(expected)) {
            throw new SandboxException(415, "UNSUPPORTED_MEDIA_TYPE", "Content type " + contentType
                    + " is not supported here; use " + expected);
        }
        try {
            T value = body == null ? null : JSON.readValue(body, type);
            if (value == null) {
                throw new SandboxException(400, "BAD_REQUEST", "A JSON body is required");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new SandboxException(400, "BAD_REQUEST", "The body is not valid JSON of the expected shape");
        }
    }

    @DeleteMapping("/schedule-callbacks/{callbackId}")
    public ResponseEntity<Void> cancel(@RequestHeader(value = "Authorization", required = false)
            String authorization, @PathVariable String callbackId) {
        authorize(authorization);
        store.cancel(callbackId);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(SandboxException.class)
    public ResponseEntity<Map<String, Object>> error(SandboxException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == 429) {
            answer.header("Retry-After", "1");
        }
        return answer.body(e.body());
    }

    private void authorize(String authorization) {
        if (!tokens.accepts(authorization)) {
            throw new SandboxException(401, "UNAUTHORIZED", "Missing, invalid or expired access token");
        }
        if (!admit()) {
            rateLimited.incrementAndGet();
            throw new SandboxException(429, "TOO_MANY_REQUESTS", "Rate limit of " + properties.getRateLimit()
                    + " requests per second exceeded");
        }
        admitted.incrementAndGet();
        pause(properties.getLatency());
    }

    /** Fixed one-second windows of at most {@code talkdesk.sandbox.rate-limit} API calls, as a gateway counts. */
    private synchronized boolean admit() {
        int limit = properties.getRateLimit();
        if (limit <= 0) {
            return true;
        }
        long now = System.nanoTime();
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            inWindow = 0;
        }
        return ++inWindow <= limit;
    }

    private static void pause(Duration latency) {
        if (!latency.isZero() && !latency.isNegative()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String link(String phoneNumber, String status, int page, int perPage) {
        StringBuilder href = new StringBuilder(TalkdeskConnectionResolver.SANDBOX_PATH + "/schedule-callbacks?page=")
                .append(page).append("&per_page=").append(perPage);
        if (phoneNumber != null) {
            href.append("&phone_number=").append(java.net.URLEncoder.encode(phoneNumber,
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        if (status != null) {
            href.append("&status=").append(status);
        }
        return href.toString();
    }
}
