package io.followup.callbacks.talkdesk.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.callbacks.talkdesk.JobDeadline;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.error.TalkdeskConfigurationException;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 client credentials against Talkdesk's token endpoint. The token is cached until
 * {@code refreshBeforeExpiry} before it expires; concurrent callers that find no valid token share one fetch.
 * A 400 or 401 from the token endpoint is a {@link TalkdeskConfigurationException}; 5xx and I/O failures are
 * {@link TalkdeskTransientException}s.
 */
public class ClientCredentialsTokenProvider implements AccessTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ClientCredentialsTokenProvider.class);

    private final TalkdeskConnection connection;
    private final HttpClient httpClient;
    private final Duration requestTimeout;
    private final Duration refreshBeforeExpiry;
    private final Clock clock;
    private final ObjectMapper objectMapper;
    private final ReentrantLock fetchLock = new ReentrantLock();
    private volatile CachedToken cached;

    public ClientCredentialsTokenProvider(TalkdeskConnection connection, HttpClient httpClient, Duration requestTimeout,
            Duration refreshBeforeExpiry, Clock clock, ObjectMapper objectMapper) {
        this.connection = connection;
        this.httpClient = httpClient;
        this.requestTimeout = requestTimeout;
        this.refreshBeforeExpiry = refreshBeforeExpiry;
        this.clock = clock;
        this.objectMapper = objectMapper;
    }

    @Override
    public String accessToken() {
        CachedToken token = cached;
        if (token != null && token.validAt(clock.instant())) {
            return token.value();
        }
        lockForFetch();
        try {
            token = cached;
            if (token != null && token.validAt(clock.instant())) {
                return token.value();
            }
            cached = fetch();
            return cached.value();
        } finally {
            fetchLock.unlock();
        }
    }

    /**
     * Waits for another thread's fetch at most as long as a fetch may take (and never past the job's budget), so
     * callers never queue behind a stuck token endpoint.
     */
    private void lockForFetch() {
        Duration bound = JobDeadline.cap(requestTimeout.multipliedBy(2));
        try {
            if (!fetchLock.tryLock(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TalkdeskTransientException("TDCB-T505 another thread's Talkdesk token fetch did not finish "
                        + "within " + bound.toMillis() + " ms", 0, null, null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TalkdeskTransientException("TDCB-T507 interrupted while waiting for a Talkdesk token", 0, null,
                    null, e);
        }
    }

    @Override
    public void invalidate(String rejectedToken) {
        CachedToken token = cached;
        if (token != null && token.value().equals(rejectedToken)) {
            cached = null;
        }
    }

    private CachedToken fetch() {
        String tokenUrl = connection.tokenUrl().get();
        HttpResponse<String> response = post(tokenUrl);
        int status = response.statusCode();
        if (status == 200) {
            TokenAnswer answer = read(response.body(), TokenAnswer.class);
            if (answer == null || answer.accessToken() == null || answer.accessToken().isBlank()) {
                throw new TalkdeskTransientException("TDCB-T502 token endpoint answered 200 without an access_token",
                        status, null, null, null);
            }
            long expiresIn = answer.expiresIn() == null ? 300 : answer.expiresIn();
            Duration lifetime = Duration.ofSeconds(Math.max(0, expiresIn));
            // a token living no longer than the margin is still kept for half its life, not fetched on every call
            Duration margin = refreshBeforeExpiry.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2)
                    : refreshBeforeExpiry;
            Instant refreshAt = clock.instant().plus(lifetime).minus(margin);
            LOG.debug("TDCB-T200 fetched a Talkdesk access token valid for {}s", expiresIn);
            return new CachedToken(answer.accessToken(), refreshAt);
        }
        TokenError error = status >= 400 && status < 500 ? read(response.body(), TokenError.class) : null;
        String code = error == null ? null : error.error();
        if (status == 400 || status == 401 || status == 403) {
            throw new TalkdeskConfigurationException("TDCB-T401 Talkdesk's token endpoint refused the client "
                    + "credentials (HTTP " + status + (code == null ? "" : ", " + code)
                    + "): check talkdesk.auth.client-id, talkdesk.auth.client-secret and the client's scopes ("
                    + connection.scope() + ")", status, code);
        }
        throw new TalkdeskTransientException("TDCB-T503 Talkdesk's token endpoint answered HTTP " + status, status, code,
                null, null);
    }

    private HttpResponse<String> post(String tokenUrl) {
        String credentials = Base64.getEncoder().encodeToString(
                (connection.clientId() + ":" + connection.clientSecret()).getBytes(StandardCharsets.UTF_8));
        String body = "grant_type=client_credentials&scope="
                + URLEncoder.encode(connection.scope(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(JobDeadline.cap(requestTimeout).plusMillis(1))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Duration bound = JobDeadline.cap(requestTimeout);
        CompletableFuture<HttpResponse<String>> answer = httpClient.sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new TalkdeskTransientException("TDCB-T504 Talkdesk's token endpoint did not answer in full within "
                    + bound.toMillis() + " ms", 0, null, null, null);
        } catch (ExecutionException e) {
            throw new TalkdeskTransientException("TDCB-T506 could not reach Talkdesk's token endpoint: "
                    + e.getCause().getClass().getSimpleName(), 0, null, null, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TalkdeskTransientException("TDCB-T507 interrupted while fetching a Talkdesk token", 0, null,
                    null, e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return objectMapper.readValue(body, type);
        } catch (IOException e) {
            return null;
        }
    }

    private record CachedToken(String value, Instant refreshAt) {
        boolean validAt(Instant now) {
            return now.isBefore(refreshAt);
        }

        @Override
        public String toString() {
            return "CachedToken[****, refreshAt=" + refreshAt + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record TokenAnswer(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") Long expiresIn) {
        @Override
        public String toString() {
            return "TokenAnswer[****]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record TokenError(String error, @JsonProperty("error_description") String errorDescription) {
    }
}
