package io.followup.callbacks.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.followup.callbacks.sandbox.SandboxApi;
import io.followup.callbacks.sandbox.SandboxApi.Answer;
import io.followup.callbacks.sandbox.SandboxCallbackStore;
import io.followup.callbacks.sandbox.SandboxProperties;
import io.followup.callbacks.sandbox.SandboxTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Talkdesk emulation the benchmark books against: the sandbox's {@link SandboxApi} (same rules, JSON, paging,
 * error shapes, latency and rate limit as the app's sandbox) served by the JDK's own HTTP server rather than by the
 * app's Spring MVC stack, so that emulating Talkdesk takes as little of the machine's CPU as possible. It runs in
 * the benchmark's JVM on threads of its own, whose CPU time {@link #cpuNanos()} reports.
 */
final class BenchTalkdeskServer implements AutoCloseable {

    static final String CLIENT_ID = "bench-client";
    static final String CLIENT_SECRET = "bench-secret";
    private static final String THREAD_PREFIX = "talkdesk-emulator-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final SandboxApi api;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    BenchTalkdeskServer(Duration latency, int rateLimit) throws IOException {
        // The JDK's server closes connections idle for 30 s; the client would then find some of its pooled
        // connections closed under a POST (a job retry, but noise in a measurement). Keep them for the run.
        System.setProperty("sun.net.httpserver.idleInterval", "3600");
        SandboxProperties properties = new SandboxProperties();
        properties.setClientId(CLIENT_ID);
        properties.setClientSecret(CLIENT_SECRET);
        properties.setLatency(latency);
        properties.setRateLimit(rateLimit);
        Clock clock = Clock.systemUTC();
        api = new SandboxApi(new SandboxCallbackStore(properties, clock), new SandboxTokens(properties, clock),
                properties, "");
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newFixedThreadPool(64, r -> {
            Thread thread = new Thread(r, THREAD_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(threads);
        server.createContext("/oauth/token", this::token);
        server.createContext("/schedule-callbacks", this::callbacks);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String tokenUrl() {
        return baseUrl() + "/oauth/token";
    }

    SandboxApi api() {
        return api;
    }

    /** CPU time the emulation's threads (request threads and the server's dispatcher) have used so far. */
    static long cpuNanos() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(THREAD_PREFIX) || thread.getName().startsWith("HTTP-Dispatcher")) {
                total += Math.max(0, bean.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    /**
     * The emulation's request log, as counts: {@code token}, {@code list}, {@code create}, {@code update},
     * {@code cancel} (every request received, answered or refused).
     */
    Map<String, Integer> requests() {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    private void logRequest(String kind) {
        requests.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private void token(HttpExchange exchange) throws IOException {
        logRequest("token");
        Map<String, String> form = parameters(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        answer(exchange, "POST".equals(exchange.getRequestMethod())
                ? api.token(authorization(exchange), form.get("grant_type"), form.get("scope"))
                : api.badRequest("Use POST"));
    }

    private void callbacks(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String id = path.length() > "/schedule-callbacks/".length()
                ? path.substring("/schedule-callbacks/".length()) : null;
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String authorization = authorization(exchange);
        Answer answer;
        logRequest(switch (exchange.getRequestMethod()) {
            case "GET" -> "list";
            case "POST" -> "create";
            case "PATCH" -> "update";
            case "DELETE" -> "cancel";
            default -> "other";
        });
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                Map<String, String> query = parameters(exchange.getRequestURI().getRawQuery());
                try {
                    answer = api.list(authorization, query.get("phone_number"), query.get("status"),
                            query.get("agent_id"), Integer.parseInt(query.getOrDefault("page", "1")),
                            query.containsKey("per_page") ? Integer.valueOf(query.get("per_page")) : null);
                } catch (NumberFormatException e) {
                    answer = api.badRequest("page and per_page must be numbers");
                }
            }
            case "POST" -> answer = api.create(authorization, contentType, body);
            case "PATCH" -> answer = api.patch(authorization, contentType, id, body);
            case "DELETE" -> answer = api.cancel(authorization, id);
            default -> answer = api.badRequest("Unsupported method " + exchange.getRequestMethod());
        }
        answer(exchange, answer);
    }

    private static String authorization(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Authorization");
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parameters(String encoded) {
        Map<String, String> parameters = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
