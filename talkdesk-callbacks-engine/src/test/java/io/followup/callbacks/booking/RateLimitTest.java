package io.followup.callbacks.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.followup.callbacks.talkdesk.RequestRateLimiter;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of calls from many threads of one node against a Talkdesk that allows N requests per second and answers
 * 429 with {@code Retry-After} beyond that: with the client-side limit at N, (almost) nothing is refused; without
 * it, the 429s are waited out in place. Either way every call succeeds, so no job fails and no incident is raised.
 * How close to N the burst runs is measured by the benchmark, not here.
 */
class RateLimitTest {

    private static final int LIMIT = 40;
    private static final String EMPTY_PAGE = "{\"total\":0,\"page\":1,\"per_page\":50,\"total_pages\":1,\"count\":0,"
            + "\"_embedded\":{\"callbacks\":[]},\"_links\":{}}";

    private HttpServer talkdesk;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private long windowStart = System.nanoTime();
    private int inWindow;

    @BeforeEach
    void start() throws IOException {
        talkdesk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        talkdesk.setExecutor(Executors.newFixedThreadPool(16));
        talkdesk.createContext("/oauth/token", exchange -> answer(exchange, 200, null,
                "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":600}"));
        talkdesk.createContext("/schedule-callbacks", exchange -> {
            if (admit()) {
                served.incrementAndGet();
                answer(exchange, 200, null, EMPTY_PAGE);
            } else {
                refused.incrementAndGet();
                answer(exchange, 429, "1", "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"rate limit\"}");
            }
        });
        talkdesk.start();
    }

    @AfterEach
    void stop() {
        talkdesk.stop(0);
    }

    /** Fixed one-second windows of at most LIMIT requests, as a server-side limiter counts them. */
    private synchronized boolean admit() {
        long now = System.nanoTime();
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            inWindow = 0;
        }
        return ++inWindow <= LIMIT;
    }

    private static void answer(HttpExchange exchange, int status, String retryAfter, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private TalkdeskCallbackService service(double clientLimit) {
        String base = "http://127.0.0.1:" + talkdesk.getAddress().getPort();
        TalkdeskConnection connection = TalkdeskConnection.fixed(base, base + "/oauth/token", "c", "s", "x");
        HttpClient http = TalkdeskClientFactory.httpClient(Duration.ofSeconds(2));
        AccessTokenProvider tokens = TalkdeskClientFactory.tokenProvider(connection, http, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Clock.systemUTC());
        return new TalkdeskCallbackService(TalkdeskClientFactory.api(connection, http, tokens, Duration.ofSeconds(2),
                Duration.ofSeconds(5), false, Clock.systemUTC(), new RequestRateLimiter(clientLimit),
                Duration.ofSeconds(30), new SimpleMeterRegistry()), tokens, 50, 500);
    }

    /**
     * 8 threads, 240 look-ups of numbers without callbacks, one request each (their one page is complete): 240
     * requests, six seconds' worth at the server's limit.
     */
    private void burst(TalkdeskCallbackService service) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                String phone = String.format("+3519100%05d", i);
                calls.add(threads.submit(() -> service.findActive(phone)));
            }
            for (Future<?> call : calls) {
                call.get(); // throws if any call failed: that would be a failed job
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldStayUnderTheServersLimitWhenTheClientLimitMatchesIt() throws Exception {
        burst(service(LIMIT * 0.95));
        assertThat(served.get()).isEqualTo(240);
        assertThat(refused.get()).as("429 answers").isLessThanOrEqualTo(2);
    }

    @Test
    void shouldWaitOut429sInPlaceWhenTheClientHasNoLimit() throws Exception {
        burst(service(0));
        assertThat(served.get()).isEqualTo(240);
        assertThat(refused.get()).as("429 answers, each waited out").isPositive();
    }
}
