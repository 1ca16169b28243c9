package io.followup.callbacks.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BooleanSupplier;

/** Real HTTP calls against the running app, as a support system or an operator would make them. */
final class AppTestSupport {

    static final String ADMIN = "admin";
    static final String PASSWORD = "test-admin-password";
    static final String WEBHOOK_USER = "webhookClient";
    static final String WEBHOOK_PASSWORD = "test-webhook-password";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AppTestSupport() {
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    static Answer send(String method, String url, String contentType, String body, boolean authenticated) {
        return sendBytes(method, url, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                authenticated);
    }

    static Answer sendBytes(String method, String url, String contentType, byte[] body, boolean authenticated) {
        return sendAs(method, url, contentType, body, authenticated ? ADMIN + ":" + PASSWORD : null);
    }

    /** A request with HTTP Basic {@code credentials} ({@code user:password}), or anonymous when null. */
    static Answer sendAs(String method, String url, String contentType, byte[] body, String credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Answer postJson(String url, String body) {
        return send("POST", url, "application/json", body, true);
    }

    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static String followUp(String ticketId, String phoneNumber, String extra) {
        // noon in Lisbon tomorrow: inside the default calling window (every day 08:00-21:00 in the customer's zone)
        String time = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Lisbon")).plusDays(1).atTime(12, 0)
                .atZone(java.time.ZoneId.of("Europe/Lisbon")).toInstant().toString();
        return "{\"ticketId\":\"" + ticketId + "\",\"phoneNumber\":\"" + phoneNumber + "\",\"callbackTime\":\""
                + time + "\",\"timezone\":\"Europe/Lisbon\"" + (extra == null ? "" : "," + extra) + "}";
    }
}
