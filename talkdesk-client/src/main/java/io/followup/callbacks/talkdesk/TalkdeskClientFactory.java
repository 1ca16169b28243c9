package io.followup.callbacks.talkdesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.RequestTemplate;
import feign.Retryer;
import feign.Target;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import io.followup.callbacks.talkdesk.api.TalkdeskCallbacksApi;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.talkdesk.auth.BearerTokenInterceptor;
import io.followup.callbacks.talkdesk.auth.ClientCredentialsTokenProvider;
import io.followup.callbacks.talkdesk.error.TalkdeskErrorDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the Feign client for the Scheduled Callbacks API: Java 11 HTTP client with connect and read timeouts,
 * Jackson in snake_case, bearer token from {@link AccessTokenProvider}, {@link TalkdeskErrorDecoder}, no Feign
 * retries (the job executor owns retries), masked request logging.
 */
public final class TalkdeskClientFactory {

    /**
     * The name of a {@link Clock} bean a Spring Boot host may define for the plugin (tests with a fixed time); without
     * it the plugin uses the system clock and registers no {@code Clock} of its own.
     */
    public static final String CLOCK_BEAN = "talkdeskClock";

    private TalkdeskClientFactory() {
    }

    /** The JSON mapper used on the wire: ISO-8601 instants, unknown fields ignored, nulls left out per DTO. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** One shared HTTP client: connection reuse across all calls and the token endpoint. */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A token provider for {@code connection}. */
    public static AccessTokenProvider tokenProvider(TalkdeskConnection connection, HttpClient httpClient,
            Duration readTimeout, Duration refreshBeforeExpiry, Clock clock) {
        return new ClientCredentialsTokenProvider(connection, httpClient, readTimeout, refreshBeforeExpiry, clock,
                objectMapper());
    }

    /** The Feign API client without rate limiting, without waiting out 429s in place, with unpublished meters. */
    public static TalkdeskCallbacksApi api(TalkdeskConnection connection, HttpClient httpClient,
            AccessTokenProvider tokens, Duration connectTimeout, Duration readTimeout, boolean logRequests,
            Clock clock) {
        return api(connection, httpClient, tokens, connectTimeout, readTimeout, logRequests, clock,
                new RequestRateLimiter(0), Duration.ZERO, new SimpleMeterRegistry());
    }

    /** The Feign API client; every request goes through {@link TalkdeskTransport}. */
    public static TalkdeskCallbacksApi api(TalkdeskConnection connection, HttpClient httpClient,
            AccessTokenProvider tokens, Duration connectTimeout, Duration readTimeout, boolean logRequests,
            Clock clock, RequestRateLimiter limiter, Duration maxRateLimitWait, MeterRegistry registry) {
        ObjectMapper mapper = objectMapper();
        return Feign.builder()
                .client(new TalkdeskTransport(new Http2Client(httpClient), limiter, maxRateLimitWait, clock,
                        registry))
                .options(new Request.Options(connectTimeout, readTimeout, false))
                .encoder(new JacksonEncoder(mapper))
                .decoder(new JacksonDecoder(mapper))
                .errorDecoder(new TalkdeskErrorDecoder(mapper, clock))
                .requestInterceptor(new BearerTokenInterceptor(tokens))
                .retryer(Retryer.NEVER_RETRY)
                .logger(new MaskingFeignLogger())
                .logLevel(logRequests ? Logger.Level.BASIC : Logger.Level.NONE)
                .target(new LazyUrlTarget<>(TalkdeskCallbacksApi.class, connection));
    }

    /** A target whose base URL is read at each call, so the sandbox port can be known late. */
    private record LazyUrlTarget<T>(Class<T> type, TalkdeskConnection connection) implements Target<T> {

        @Override
        public String name() {
            return "talkdesk";
        }

        @Override
        public String url() {
            String url = connection.apiBaseUrl().get();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        @Override
        public Request apply(RequestTemplate input) {
            if (input.url().indexOf("http") != 0) {
                input.target(url());
            }
            return input.request();
        }
    }
}
