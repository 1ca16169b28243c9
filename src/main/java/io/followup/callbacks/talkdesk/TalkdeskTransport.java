package io.followup.callbacks.talkdesk;

import feign.Client;
import feign.Request;
import feign.Response;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Wraps the HTTP client of the Feign API: takes a slot from the node's {@link RequestRateLimiter} before each
 * request, waits out 429 answers in place (all threads pause for {@code Retry-After}, or 1, 2, 4... seconds without
 * it) while the call's total wait stays within {@code maxRateLimitWait}, and times every request. A 429 that would
 * wait longer goes on to the error decoder and becomes a transient failure whose job is retried no earlier than
 * {@code Retry-After}. Repeating after a 429 is safe: Talkdesk did not act on the request.
 *
 * <p>Meters: {@code talkdesk.api.requests} (timer; operation, status, outcome), {@code talkdesk.api.rate.limited}
 * (429 answers; operation) and {@code talkdesk.api.rate.limit.waits} (time spent waiting for a slot).
 */
public class TalkdeskTransport implements Client {

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final Client delegate;
    private final RequestRateLimiter limiter;
    private final Duration maxRateLimitWait;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer waits;

    public TalkdeskTransport(Client delegate, RequestRateLimiter limiter, Duration maxRateLimitWait, Clock clock,
            MeterRegistry registry) {
        this.delegate = delegate;
        this.limiter = limiter;
        this.maxRateLimitWait = maxRateLimitWait;
        this.clock = clock;
        this.registry = registry;
        this.waits = Timer.builder("talkdesk.api.rate.limit.waits")
                .description("Time requests waited for a slot of the client-side rate limit or a Retry-After")
                .register(registry);
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        String operation = operationOf(request);
        Duration waited = Duration.ZERO;
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            takeSlot();
            long start = System.nanoTime();
            Response response;
            try {
                response = delegate.execute(request, options);
            } catch (IOException e) {
                record(operation, "IO_ERROR", "UNKNOWN", start);
                throw e;
            }
            record(operation, Integer.toString(response.status()), outcomeOf(response.status()), start);
            if (response.status() != 429) {
                return response;
            }
            Counter.builder("talkdesk.api.rate.limited").description("429 answers from Talkdesk")
                    .tag("operation", operation).register(registry).increment();
            Duration retryAfter = RetryAfter.of(response, clock);
            Duration pause = retryAfter != null ? retryAfter : backoff;
            if (waited.plus(pause).compareTo(maxRateLimitWait) > 0) {
                return response;
            }
            response.close();
            limiter.pause(pause);
            waited = waited.plus(pause);
            backoff = backoff.multipliedBy(2);
        }
    }

    private void takeSlot() throws InterruptedIOException {
        try {
            Duration wait = limiter.acquire();
            if (!wait.isZero()) {
                waits.record(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a rate-limit slot");
        }
    }

    private void record(String operation, String status, String outcome, long start) {
        Timer.builder("talkdesk.api.requests").description("Requests to the Talkdesk Scheduled Callbacks API")
                .tag("operation", operation).tag("status", status).tag("outcome", outcome)
                .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
    }

    /** {@code list}, {@code create}, {@code update} or {@code cancel}: the Feign method's name. */
    static String operationOf(Request request) {
        if (request.requestTemplate() != null && request.requestTemplate().methodMetadata() != null
                && request.requestTemplate().methodMetadata().method() != null) {
            return request.requestTemplate().methodMetadata().method().getName();
        }
        return request.httpMethod().name().toLowerCase(Locale.ROOT);
    }

    private static String outcomeOf(int status) {
        if (status >= 200 && status < 300) {
            return "SUCCESS";
        }
        return status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "UNKNOWN";
    }
}
