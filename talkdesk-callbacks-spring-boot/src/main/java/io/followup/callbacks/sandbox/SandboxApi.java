package io.followup.callbacks.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The sandbox's Talkdesk API without a web framework: OAuth token endpoint and the Scheduled Callbacks endpoints,
 * with Talkdesk's JSON, paging, error shapes, fixed latency and fixed-window rate limit. {@link SandboxApiController}
 * serves it inside the app; anything else that speaks HTTP can serve it too (the benchmark does, on the JDK's HTTP
 * server, so that the emulation costs as little CPU as possible).
 */
public class SandboxApi {

    /** Path under which the app serves the sandbox's Talkdesk API. */
    public static final String PATH = "/talkdesk-sandbox";

    /** Talkdesk's media type for list answers. */
    public static final String HAL = "application/hal+json";
    static final String JSON = "application/json";
    static final String JSON_PATCH = "application/json-patch+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SandboxCallbackStore store;
    private final SandboxTokens tokens;
    private final SandboxProperties properties;
    private final String basePath;

    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger admitted = new AtomicInteger();
    private long windowStart = System.nanoTime();
    private int inWindow;
    private volatile Outage outage;

    /** Talkdesk down as the sandbox plays it: every API call answers {@code status} until {@code until}. */
    private record Outage(int status, long until) {
    }

    /** An answer: status, JSON body (or {@code null}), content type and the {@code Retry-After} header if any. */
    public record Answer(int status, Object body, String contentType, String retryAfter) {

        static Answer json(int status, Object body) {
            return new Answer(status, body, JSON, null);
        }

        static Answer of(SandboxException e) {
            return new Answer(e.status(), e.body(), JSON, e.status() == 429 ? "1" : null);
        }
    }

    /** {@code basePath} prefixes the {@code next}/{@code self} links of list answers ({@code ""} at the root). */
    public SandboxApi(SandboxCallbackStore store, SandboxTokens tokens, SandboxProperties properties,
            String basePath) {
        this.store = store;
        this.tokens = tokens;
        this.properties = properties;
        this.basePath = basePath;
    }

    SandboxApi(SandboxCallbackStore store, SandboxTokens tokens, SandboxProperties properties) {
        this(store, tokens, properties, PATH);
    }

    /** How many API calls the sandbox refused with 429 because of {@code talkdesk.sandbox.rate-limit}. */
    public int rateLimitedCount() {
        return rateLimited.get();
    }

    /** How many API calls (token calls aside) the sandbox served. */
    public int admittedCount() {
        return admitted.get();
    }

    /**
     * Plays a Talkdesk outage: every API call (token calls aside) answers {@code status} (5xx) for {@code duration},
     * so operators and tests can see how the follow-ups and the Cockpit tab behave while Talkdesk is down.
     */
    public void startOutage(int status, Duration duration) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("an outage answers a 5xx status, not " + status);
        }
        outage = new Outage(status, System.nanoTime() + duration.toNanos());
    }

    /** Ends a played outage. */
    public void endOutage() {
        outage = null;
    }

    /** The callbacks the sandbox holds. */
    public SandboxCallbackStore store() {
        return store;
    }

    /** {@code POST /oauth/token}: client credentials in a Basic header. */
    public Answer token(String authorization, String grantType, String scope) {
        if (!tokens.acceptsClient(authorization)) {
            return Answer.json(401, Map.of("error", "invalid_client",
                    "error_description", "Client authentication failed"));
        }
        if (!"client_credentials".equals(grantType)) {
            return Answer.json(400, Map.of("error", "unsupported_grant_type",
                    "error_description", "Only client_credentials is supported"));
        }
        return Answer.json(200, Map.of("access_token", tokens.issue(), "token_type", "Bearer", "expires_in",
                properties.getTokenTtl().toSeconds(), "scope", scope == null ? "" : scope));
    }

    /** {@code GET /schedule-callbacks}. */
    public Answer list(String authorization, String phoneNumber, String status, String agentIds, int page,
            Integer perPage) {
        return authorized(authorization, () -> {
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
            return new Answer(200, body, HAL, null);
        });
    }

    /** {@code POST /schedule-callbacks}. */
    public Answer create(String authorization, String contentType, String body) {
        return authorized(authorization, () -> Answer.json(201, store.create(read(contentType, JSON, body,
                new TypeReference<Map<String, Object>>() { }))));
    }

    /** {@code PATCH /schedule-callbacks/{id}}: a JSON Patch of replace operations. */
    public Answer patch(String authorization, String contentType, String callbackId, String body) {
        return authorized(authorization, () -> Answer.json(200, store.patch(callbackId, read(contentType,
                JSON_PATCH, body, new TypeReference<List<Map<String, Object>>>() { }))));
    }

    /** {@code DELETE /schedule-callbacks/{id}}. */
    public Answer cancel(String authorization, String callbackId) {
        return authorized(authorization, () -> {
            store.cancel(callbackId);
            return new Answer(204, null, null, null);
        });
    }

    /** A 400 in Talkdesk's error shape, for requests the transport could not even read. */
    public Answer badRequest(String message) {
        return Answer.of(new SandboxException(400, "BAD_REQUEST", message));
    }

    private static <T> T read(String contentType, String expected, String body, TypeReference<T> type) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(expected)) {
            throw new SandboxException(415, "UNSUPPORTED_MEDIA_TYPE", "Content type " + contentType
                    + " is not supported here; use " + expected);
        }
        try {
            T value = body == null || body.isEmpty() ? null : MAPPER.readValue(body, type);
            if (value == null) {
                throw new SandboxException(400, "BAD_REQUEST", "A JSON body is required");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new SandboxException(400, "BAD_REQUEST", "The body is not valid JSON of the expected shape");
        }
    }

    /** Checks the token and the rate limit, waits the latency, then answers; refusals in Talkdesk's error shape. */
    private Answer authorized(String authorization, Supplier<Answer> call) {
        try {
            authorize(authorization);
            return call.get();
        } catch (SandboxException e) {
            return Answer.of(e);
        }
    }

    private void authorize(String authorization) {
        Outage current = outage;
        if (current != null && System.nanoTime() - current.until() < 0) {
            throw new SandboxException(current.status(), "SERVICE_UNAVAILABLE", "The sandbox plays an outage");
        }
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

    private String link(String phoneNumber, String status, int page, int perPage) {
        StringBuilder href = new StringBuilder(basePath + "/schedule-callbacks?page=")
                .append(page).append("&per_page=").append(perPage);
        if (phoneNumber != null) {
            href.append("&phone_number=").append(URLEncoder.encode(phoneNumber, StandardCharsets.UTF_8));
        }
        if (status != null) {
            href.append("&status=").append(status);
        }
        return href.toString();
    }
}
