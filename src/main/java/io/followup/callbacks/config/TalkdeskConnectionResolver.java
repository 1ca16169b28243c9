package io.followup.callbacks.config;

import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.request.PhoneNumbers;
import io.followup.callbacks.sandbox.SandboxProperties;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * Decides where the client talks to (Talkdesk in the configured region, explicit URLs, or the in-process sandbox)
 * and checks the settings at startup, naming each bad property.
 */
public final class TalkdeskConnectionResolver {

    /** Path under which the in-process sandbox serves the Talkdesk API. */
    public static final String SANDBOX_PATH = "/talkdesk-sandbox";

    private static final Duration JOB_LOCK_TIME = Duration.ofMinutes(5);

    private TalkdeskConnectionResolver() {
    }

    /** Whether callbacks go to the sandbox: {@code talkdesk.sandbox.enabled}, else "no client id configured". */
    public static boolean sandboxEnabled(TalkdeskProperties properties, SandboxProperties sandbox) {
        Boolean explicit = sandbox.getEnabled();
        return explicit != null ? explicit : isBlank(properties.getAuth().getClientId());
    }

    /** The connection to use, or an {@link InvalidTalkdeskConfigurationException} listing every bad property. */
    public static TalkdeskConnection resolve(TalkdeskProperties properties, SandboxProperties sandbox,
            Environment environment) {
        List<String> problems = new ArrayList<>();
        checkCommon(properties, problems);
        TalkdeskConnection connection;
        if (sandboxEnabled(properties, sandbox)) {
            connection = new TalkdeskConnection(() -> sandboxBase(environment),
                    () -> sandboxBase(environment) + "/oauth/token", sandbox.getClientId(), sandbox.getClientSecret(),
                    properties.getAuth().getScope());
        } else {
            TalkdeskProperties.Auth auth = properties.getAuth();
            if (isBlank(auth.getClientId())) {
                problems.add("talkdesk.auth.client-id is not set (TALKDESK_AUTH_CLIENT_ID) while the sandbox is "
                        + "off: set the Talkdesk API client's id, or remove talkdesk.sandbox.enabled=false");
            }
            if (isBlank(auth.getClientSecret())) {
                problems.add("talkdesk.auth.client-secret is not set (TALKDESK_AUTH_CLIENT_SECRET)");
            }
            String baseUrl = isBlank(properties.getApi().getBaseUrl())
                    ? properties.getRegion().apiBaseUrl() : properties.getApi().getBaseUrl().trim();
            String tokenUrl = auth.getTokenUrl();
            if (isBlank(tokenUrl)) {
                if (isBlank(properties.getAccount())) {
                    problems.add("talkdesk.auth.token-url is not set and talkdesk.account is not set either: set "
                            + "one of them (TALKDESK_AUTH_TOKEN_URL or TALKDESK_ACCOUNT)");
                } else {
                    tokenUrl = properties.getRegion().tokenUrl(properties.getAccount().trim());
                }
            }
            checkUrl("talkdesk.api.base-url", baseUrl, problems);
            if (!isBlank(tokenUrl)) {
                checkUrl("talkdesk.auth.token-url", tokenUrl, problems);
            }
            connection = TalkdeskConnection.fixed(baseUrl, tokenUrl == null ? null : tokenUrl.trim(),
                    auth.getClientId(), auth.getClientSecret(), auth.getScope());
        }
        if (!problems.isEmpty()) {
            throw new InvalidTalkdeskConfigurationException(problems);
        }
        return connection;
    }

    private static void checkCommon(TalkdeskProperties properties, List<String> problems) {
        TalkdeskProperties.Api api = properties.getApi();
        if (api.getPageSize() < 1 || api.getPageSize() > 500) {
            problems.add("talkdesk.api.page-size must be between 1 and 500, was " + api.getPageSize());
        }
        if (api.getReadTimeout() == null || api.getReadTimeout().isZero() || api.getReadTimeout().isNegative()
                || api.getReadTimeout().compareTo(JOB_LOCK_TIME.dividedBy(2)) > 0) {
            problems.add("talkdesk.api.read-timeout must be positive and at most 2m30s (half the job lock time), was "
                    + api.getReadTimeout());
        }
        if (api.getConnectTimeout() == null || api.getConnectTimeout().isZero()
                || api.getConnectTimeout().isNegative()) {
            problems.add("talkdesk.api.connect-timeout must be positive, was " + api.getConnectTimeout());
        }
        TalkdeskProperties.Callbacks callbacks = properties.getCallbacks();
        if (!isBlank(callbacks.getDefaultAssignType()) && AssignType.parse(callbacks.getDefaultAssignType()).isEmpty()) {
            problems.add("talkdesk.callbacks.default-assign-type must be SPECIFIC_AGENT or SPECIFIC_RING_GROUP, was "
                    + callbacks.getDefaultAssignType());
        }
        if (!isBlank(callbacks.getDefaultCallerId())
                && PhoneNumbers.toE164(callbacks.getDefaultCallerId(), callbacks.getDefaultPhoneRegion()).isEmpty()) {
            problems.add("talkdesk.callbacks.default-caller-id is not a valid phone number (E.164 such as "
                    + "+14155550100)");
        }
        if (callbacks.getNotesMaxLength() < 40) {
            problems.add("talkdesk.callbacks.notes-max-length must be at least 40, was "
                    + callbacks.getNotesMaxLength());
        }
        if (isBlank(properties.getRetry().getCycle())) {
            problems.add("talkdesk.retry.cycle must not be empty (e.g. R5/PT1M or PT10S,PT1M,PT5M)");
        }
    }

    private static void checkUrl(String property, String url, List<String> problems) {
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(property + " must be an http(s) URL, was " + url);
            }
        } catch (IllegalArgumentException e) {
            problems.add(property + " is not a valid URL: " + url);
        }
    }

    private static String sandboxBase(Environment environment) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://127.0.0.1:" + port + contextPath + SANDBOX_PATH;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
