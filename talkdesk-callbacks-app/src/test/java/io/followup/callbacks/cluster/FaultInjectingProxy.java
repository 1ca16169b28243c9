package io.followup.callbacks.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of a Talkdesk emulation that breaks API calls on purpose, the way a network and a busy
 * service do: 500s, connections dropped before the request gets through, answers lost after Talkdesk acted, answers
 * slower than the client's read timeout (after Talkdesk acted), and 429s with {@code Retry-After}. Only calls to
 * {@code /schedule-callbacks} are broken; the token endpoint and the emulation's admin endpoints pass through.
 */
final class FaultInjectingProxy implements AutoCloseable {

    enum Fault { SERVER_ERROR, DROPPED, LOST_ANSWER, SLOW_ANSWER, RATE_LIMITED }

    private static final List<String> FORWARDED_HEADERS = List.of("Authorization", "Content-Type", "Accept");

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(64);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final AtomicInteger forwarded = new AtomicInteger();

    private volatile double faultRate;
    private volatile double rateLimitedRate;
    private volatile Duration slowAnswer = Duration.ofSeconds(3);
    private volatile boolean down;
    private final AtomicBoolean loseNextCreate = new AtomicBoolean();

    FaultInjectingProxy(String target) throws IOException {
        this.target = target;
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicInteger());
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Breaks this share of API calls, spread over every fault but 429s. */
    void faultRate(double rate) {
        this.faultRate = rate;
    }

    /** Answers this share of API calls with 429 and {@code Retry-After: 1}. */
    void rateLimitedRate(double rate) {
        this.rateLimitedRate = rate;
    }

    /** How long a slow answer takes; make it longer than the client's read timeout. */
    void slowAnswer(Duration delay) {
        this.slowAnswer = delay;
    }

    /** Answers every API call with 500 while true. */
    void down(boolean down) {
        this.down = down;
    }

    /**
     * The next create reaches Talkdesk, which books the callback, but its answer is lost; from then on every API
     * call fails with 500 until {@code down(false)}.
     */
    void loseNextCreateThenFailEverything() {
        loseNextCreate.set(true);
    }

    void reset() {
        faultRate = 0;
        rateLimitedRate = 0;
        down = false;
        loseNextCreate.set(false);
    }

    int injected(Fault fault) {
        return injected.get(fault).get();
    }

    int forwarded() {
        return forwarded.get();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean api = exchange.getRequestURI().getPath().contains("/schedule-callbacks");
            boolean create = api && "POST".equals(exchange.getRequestMethod());
            Fault fault = api ? pick(create) : null;
            if (fault == Fault.SERVER_ERROR) {
                respond(exchange, 500, "application/json", null,
                        "{\"code\":\"INTERNAL_ERROR\",\"message\":\"injected failure\"}");
                return;
            }
            if (fault == Fault.RATE_LIMITED) {
                respond(exchange, 429, "application/json", "1",
                        "{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"injected rate limit\"}");
                return;
            }
            if (fault == Fault.DROPPED) {
                return; // closing without an answer drops the connection
            }
            HttpResponse<byte[]> answer = forward(exchange, body);
            if (fault == Fault.LOST_ANSWER) {
                return;
            }
            if (fault == Fault.SLOW_ANSWER) {
                sleep(slowAnswer);
            }
            respond(exchange, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null),
                    answer.headers().firstValue("Retry-After").orElse(null), answer.body());
        } catch (IOException | RuntimeException e) {
            // the client went away (a slow answer after its timeout): nothing to answer
        }
    }

    private Fault pick(boolean create) {
        if (down) {
            count(Fault.SERVER_ERROR);
            return Fault.SERVER_ERROR;
        }
        if (create && loseNextCreate.compareAndSet(true, false)) {
            down = true;
            return count(Fault.LOST_ANSWER);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < rateLimitedRate) {
            return count(Fault.RATE_LIMITED);
        }
        if (random.nextDouble() >= faultRate) {
            return null;
        }
        Fault[] kinds = {Fault.SERVER_ERROR, Fault.DROPPED, Fault.LOST_ANSWER, Fault.SLOW_ANSWER};
        return count(kinds[random.nextInt(kinds.length)]);
    }

    private Fault count(Fault fault) {
        injected.get(fault).incrementAndGet();
        return fault;
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(20))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : FORWARDED_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            forwarded.incrementAndGet();
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String retryAfter,
            Object body) throws IOException {
        byte[] bytes = body instanceof byte[] b ? b : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
