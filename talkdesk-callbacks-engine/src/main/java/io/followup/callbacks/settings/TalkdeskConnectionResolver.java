package io.followup.callbacks.settings;

import io.followup.callbacks.request.PhoneNumbers;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides where the client talks to (Talkdesk in the configured region, or explicit URLs) and checks the settings at
 * startup, naming each bad property. The sandbox is never inferred: only its caller passes it in, when
 * {@code talkdesk.sandbox.enabled=true}.
 */
public final class TalkdeskConnectionResolver {

    private TalkdeskConnectionResolver() {
    }

    /**
     * The connection to use: {@code sandbox} when it is given, else Talkdesk's from {@code properties}; or an
     * {@link InvalidTalkdeskConfigurationException} listing every bad property.
     */
    public static TalkdeskConnection resolve(TalkdeskProperties properties, TalkdeskConnection sandbox) {
        List<String> problems = new ArrayList<>();
        checkCommon(properties, problems);
        TalkdeskConnection connection = sandbox != null ? sandbox : talkdesk(properties, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTalkdeskConfigurationException(problems);
        }
        return connection;
    }

    private static TalkdeskConnection talkdesk(TalkdeskProperties properties, List<String> problems) {
        TalkdeskProperties.Auth auth = properties.getAuth();
        if (isBlank(auth.getClientId())) {
            problems.add("talkdesk.auth.client-id is not set (TALKDESK_AUTH_CLIENT_ID): set the Talkdesk API "
                    + "client's id, or set talkdesk.sandbox.enabled=true to book into the built-in sandbox "
                    + "(never in production)");
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
        return TalkdeskConnection.fixed(baseUrl, tokenUrl == null ? null : tokenUrl.trim(), auth.getClientId(),
                auth.getClientSecret(), auth.getScope());
    }

    private static void checkCommon(TalkdeskProperties properties, List<String> problems) {
        TalkdeskProperties.Api api = properties.getApi();
        if (api.getPageSize() < 1 || api.getPageSize() > 500) {
            problems.add("talkdesk.api.page-size must be between 1 and 500, was " + api.getPageSize());
        }
        if (api.getReadTimeout() == null || api.getReadTimeout().isZero() || api.getReadTimeout().isNegative()) {
            problems.add("talkdesk.api.read-timeout must be positive, was " + api.getReadTimeout());
        }
        if (api.getConnectTimeout() == null || api.getConnectTimeout().isZero()
                || api.getConnectTimeout().isNegative()) {
            problems.add("talkdesk.api.connect-timeout must be positive, was " + api.getConnectTimeout());
        }
        TalkdeskProperties.Callbacks callbacks = properties.getCallbacks();
        if (!isBlank(callbacks.getDefaultCallerId())
                && PhoneNumbers.toE164(callbacks.getDefaultCallerId(), callbacks.getDefaultPhoneRegion()).isEmpty()) {
            problems.add("talkdesk.callbacks.default-caller-id is not a valid phone number (E.164 such as "
                    + "+14155550100)");
        }
        if (!isBlank(callbacks.getDefaultPhoneRegion())
                && !PhoneNumbers.isKnownRegion(callbacks.getDefaultPhoneRegion().strip())) {
            problems.add("talkdesk.callbacks.default-phone-region '" + callbacks.getDefaultPhoneRegion().strip()
                    + "' is not a known region code: use an ISO 3166 code such as PT, US or GB");
        }
        if (callbacks.getNotesMaxLength() < 40) {
            problems.add("talkdesk.callbacks.notes-max-length must be at least 40, was "
                    + callbacks.getNotesMaxLength());
        }
        if (isBlank(properties.getRetry().getCycle())) {
            problems.add("talkdesk.retry.cycle must not be empty (e.g. R5/PT1M or PT10S,PT1M,PT5M)");
        }
    }

    /**
     * The settings that depend on the engine: {@code talkdesk.api.read-timeout} at most half the job lock time of the
     * engine's job executor ({@code lockTime}), so one slow answer cannot outlive the job's lock.
     */
    public static void checkAgainstEngine(TalkdeskProperties properties, Duration lockTime) {
        Duration readTimeout = properties.getApi().getReadTimeout();
        if (readTimeout != null && lockTime != null && readTimeout.compareTo(lockTime.dividedBy(2)) > 0) {
            throw new InvalidTalkdeskConfigurationException(List.of("talkdesk.api.read-timeout must be at most half "
                    + "the engine's job lock time (" + lockTime + "), was " + readTimeout + ": lower it, or raise "
                    + "the job executor's lock time"));
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
