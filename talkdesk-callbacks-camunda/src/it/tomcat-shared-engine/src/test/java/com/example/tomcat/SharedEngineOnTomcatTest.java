package com.example.tomcat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared engine on Tomcat, checked from outside its JVM: Tomcat runs as its own process with camunda-engine and
 * the plugin in lib/ and the plugin registered in conf/bpm-platform.xml. Over HTTP, as an operator would, the test
 * creates the first admin in Camunda's webapp, sees the shipped model the plugin deployed, starts a follow-up through
 * the engine REST API of the webapp, and watches the booking arrive at its stand-in for Talkdesk.
 */
class SharedEngineOnTomcatTest {

    private static final String PASSWORD = "tomcat-admin-password";
    private static final WireMockServer talkdesk = new WireMockServer(wireMockConfig().dynamicPort());
    private static Process tomcat;
    private static String base;
    private static Path log;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    @BeforeAll
    static void startTalkdeskAndTomcat() throws Exception {
        talkdesk.start();
        talkdesk.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"tomcat-token\","
                + "\"token_type\":\"Bearer\",\"expires_in\":600}")));
        talkdesk.stubFor(get(urlPathEqualTo("/schedule-callbacks")).willReturn(okJson("{\"total\":0,\"page\":1,"
                + "\"per_page\":50,\"total_pages\":1,\"count\":0,\"_embedded\":{\"callbacks\":[]}}")));
        talkdesk.stubFor(post("/schedule-callbacks").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"callback_id\":\"cb-tomcat-1\","
                        + "\"phone_number\":\"+351912345678\",\"status\":\"UNATTEMPTED\"}")));

        Path home = Path.of(System.getProperty("tomcat.home"));
        Path overlay = Path.of(System.getProperty("tomcat.overlay"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Files.writeString(home.resolve("conf/server.xml"), Files.readString(overlay.resolve("conf/server.xml"))
                .replace("@HTTP_PORT@", Integer.toString(port))
                .replace("@DB_FILE@", home.resolve("process-engine").toAbsolutePath().toString()));
        Files.writeString(home.resolve("conf/bpm-platform.xml"), Files.readString(overlay.resolve(
                "conf/bpm-platform.xml")).replace("@TALKDESK@", talkdesk.baseUrl()));
        Files.copy(overlay.resolve("webapp/WEB-INF/web.xml"), home.resolve("webapps/camunda/WEB-INF/web.xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // the Cockpit tab extends the webapp's classes, so it goes into the webapp, the rest of the plugin stays in lib/
        try (java.util.stream.Stream<Path> jars = Files.list(home.resolve("lib"))) {
            for (Path tab : jars.filter(jar -> jar.getFileName().toString().startsWith("talkdesk-callbacks-cockpit-"))
                    .toList()) {
                Files.move(tab, home.resolve("webapps/camunda/WEB-INF/lib").resolve(tab.getFileName()));
            }
        }
        for (String sample : new String[] {"ROOT", "examples", "docs", "manager", "host-manager"}) {
            deleteTree(home.resolve("webapps").resolve(sample)); // Tomcat's samples: not part of a shared engine
        }
        for (String script : new String[] {"catalina.sh", "startup.sh", "setclasspath.sh"}) {
            home.resolve("bin").resolve(script).toFile().setExecutable(true);
        }
        log = home.resolve("logs/test-run.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder run = new ProcessBuilder(home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        run.environment().put("CATALINA_HOME", home.toString());
        run.environment().put("CATALINA_BASE", home.toString());
        run.environment().remove("CATALINA_OPTS");
        tomcat = run.start();
        await(Duration.ofSeconds(180), "Tomcat with the Camunda webapp", () -> status("/camunda/api/engine/engine")
                == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.destroy();
            if (!tomcat.waitFor(30, TimeUnit.SECONDS)) {
                tomcat.destroyForcibly();
            }
        }
        talkdesk.stop();
    }

    @Test
    void shouldBookTheShippedModelsCallbackThroughTheSharedEngine() throws Exception {
        // the first admin, as Camunda's webapp asks for on a fresh engine, then a login
        send("GET", "/camunda/app/admin/default/setup/", null, null);
        assertEquals(204, send("POST", "/camunda/api/admin/setup/default/user/create", "application/json",
                "{\"profile\":{\"id\":\"admin\",\"firstName\":\"Shared\",\"lastName\":\"Engine\",\"email\":"
                        + "\"admin@example.com\"},\"credentials\":{\"password\":\"" + PASSWORD + "\"}}").statusCode(),
                "the first admin is created");
        send("GET", "/camunda/app/cockpit/default/", null, null);
        assertEquals(200, send("POST", "/camunda/api/admin/auth/user/default/login/cockpit",
                "application/x-www-form-urlencoded", "username=admin&password=" + URLEncoder.encode(PASSWORD,
                        StandardCharsets.UTF_8)).statusCode(), "the admin logs in");
        send("GET", "/camunda/api/admin/auth/user/default", null, null);

        HttpResponse<String> definition = send("GET",
                "/camunda/api/engine/engine/default/process-definition/key/support-follow-up", null, null);
        assertEquals(200, definition.statusCode(), "the plugin deployed the shipped model: " + definition.body());

        String time = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        HttpResponse<String> started = send("POST", "/camunda/api/engine/engine/default/message", "application/json",
                "{\"messageName\":\"SupportTicketResolved\",\"businessKey\":\"T-TOMCAT-1\",\"resultEnabled\":true,"
                        + "\"processVariables\":{"
                        + "\"ticketId\":{\"value\":\"T-TOMCAT-1\",\"type\":\"String\"},"
                        + "\"phoneNumber\":{\"value\":\"+351912345678\",\"type\":\"String\"},"
                        + "\"callbackTime\":{\"value\":\"" + time + "\",\"type\":\"String\"},"
                        + "\"timezone\":{\"value\":\"Europe/Lisbon\",\"type\":\"String\"}}}");
        assertEquals(200, started.statusCode(), "the follow-up started: " + started.body());

        await(Duration.ofSeconds(60), "the booking at Talkdesk", () -> !talkdesk.findAll(postRequestedFor(
                urlEqualTo("/schedule-callbacks"))).isEmpty());
        talkdesk.verify(postRequestedFor(urlEqualTo("/schedule-callbacks"))
                .withRequestBody(matchingJsonPath("$.phone_number", equalTo("+351912345678")))
                .withRequestBody(matchingJsonPath("$.caller_id", equalTo("+14155550100"))));
        await(Duration.ofSeconds(30), "callbackId on the follow-up", () -> send("GET",
                "/camunda/api/engine/engine/default/history/variable-instance?variableName=callbackId", null, null)
                .body().contains("cb-tomcat-1"));
        assertTrue(Files.readString(log).contains("TDCB-P001"), "the plugin announced itself in Tomcat's log");

        // the Talkdesk callback tab, as Cockpit loads it for the admin
        HttpResponse<String> script = send("GET",
                "/camunda/api/cockpit/plugin/talkdesk-callbacks/static/app/plugin.js", null, null);
        assertEquals(200, script.statusCode(), "Cockpit serves the tab's script");
        assertTrue(script.body().contains("cockpit.processInstance.runtime.tab"), "the tab's script: " + script.body());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile(
                "\"processInstance\"\\s*:\\s*\\{.*?\"id\"\\s*:\\s*\"([^\"]+)\"", java.util.regex.Pattern.DOTALL)
                .matcher(started.body());
        assertTrue(id.find(), "the started instance's id: " + started.body());
        String instance = id.group(1);
        HttpResponse<String> tab = send("GET",
                "/camunda/api/cockpit/plugin/talkdesk-callbacks/default/follow-ups/" + instance, null, null);
        assertEquals(200, tab.statusCode(), "the tab's resource answers the admin: " + tab.body());
        assertTrue(tab.body().contains("cb-tomcat-1"), "the tab shows the booked callback: " + tab.body());
    }

    private HttpResponse<String> send(String method, String path, String type, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (type != null) {
            request.header("Content-Type", type);
        }
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).reduce((first, second) -> second).orElse(null);
        if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int status(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void await(Duration limit, String what, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end || tomcat != null && !tomcat.isAlive()) {
                throw new AssertionError("no " + what + " within " + limit + (tomcat != null && !tomcat.isAlive()
                        ? " (Tomcat exited)" : "") + "; Tomcat's log:\n" + tail());
            }
            Thread.sleep(250);
        }
    }

    private static String tail() throws IOException {
        if (log == null || !Files.exists(log)) {
            return "(none)";
        }
        String text = Files.readString(log);
        return text.length() > 12000 ? text.substring(text.length() - 12000) : text;
    }
}
