package io.followup.callbacks.talkdesk;

import feign.Client;
import feign.Request;
import feign.Response;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wraps the HTTP client of the Feign API: takes a slot from the node's {@link RequestRateLimiter} before each
 * request, waits out 429 answers in place (all threads pause for {@code Retry-After}, or 1, 2, 4... seconds without
 * it) while the call's total wait stays within {@code maxRateLimitWait}, and times every request. A 429 that would
 * wait longer goes on to the error decoder and becomes a transient failure whose job is retried no earlier than
 * {@code Retry-After}. Repeating after a 429 is safe: Talkdesk did not act on the request. Everything stays within
 * the job's {@link JobDeadline}: no request starts after it, reads and 429 waits are cut to it, and the answer's
 * body is read within the read timeout too.
 *
 * <p>Meters: {@code talkdesk.api.requests} (timer; operation, status, outcome), {@code talkdesk.api.rate.limited}
 * (429 answers; operation) and {@code talkdesk.api.rate.limit.waits} (time spent waiting for a slot).
 */
public class TalkdeskTransport implements Client {

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "talkdesk-body-watchdog");
        thread.setDaemon(true);
        return thread;
    });

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
            JobDeadline.check(operation);
            takeSlot(operation);
            JobDeadline.check(operation);
            Duration readTimeout = JobDeadline.cap(Duration.ofMillis(options.readTimeoutMillis()));
            long start = System.nanoTime();
            Response response;
            try {
                response = buffered(delegate.execute(request, new Request.Options(options.connectTimeoutMillis(),
                        TimeUnit.MILLISECONDS, Math.max(1, readTimeout.toMillis()), TimeUnit.MILLISECONDS,
                        options.isFollowRedirects())), readTimeout, start);
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
            if (waited.plus(pause).compareTo(maxRateLimitWait) > 0
                    || JobDeadline.remaining().filter(left -> left.compareTo(pause) <= 0).isPresent()) {
                return response;
            }
            response.close();
            limiter.pause(pause);
            waited = waited.plus(pause);
            backoff = backoff.multipliedBy(2);
        }
    }

    /**
     * The response with its body read in full, within what is left of the read timeout after the headers came: the
     * JDK client's own timeout stops at the headers, so a body that stalls would otherwise hold the job's thread
     * (and its lock) for ever. On time-out the stream is closed, which ends the blocked read.
     */
    private static Response buffered(Response response, Duration readTimeout, long start) throws IOException {
        if (response.body() == null) {
            return response;
        }
        long left = readTimeout.toNanos() - (System.nanoTime() - start);
        InputStream body = response.body().asInputStream();
        AtomicBoolean stalled = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            stalled.set(true);
            response.close();
        }, Math.max(left, 1), TimeUnit.NANOSECONDS);
        try (body) {
            byte[] bytes = body.readAllBytes();
            return response.toBuilder().body(bytes).build();
        } catch (IOException e) {
            if (stalled.get()) {
                throw new SocketTimeoutException("the answer's body did not arrive within " + readTimeout.toMillis()
                        + " ms");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private void takeSlot(String operation) throws InterruptedIOException {
        try {
            Duration wait = limiter.acquire(JobDeadline.remaining().orElse(null));
            if (wait == null) {
                throw new TalkdeskTransientException("TDCB-T408 the job's time budget ends before a slot of the "
                        + "client-side rate limit (talkdesk.api.rate-limit) is free for " + operation
                        + "; the job is retried", 0, null, null, null);
            }
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
