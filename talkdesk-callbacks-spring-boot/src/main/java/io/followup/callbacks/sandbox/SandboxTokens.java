package io.followup.callbacks.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tokens the sandbox's OAuth endpoint issued, with their expiry. */
public class SandboxTokens {

    private final SandboxProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();

    public SandboxTokens(SandboxProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether {@code authorization} (an HTTP Basic header) carries the sandbox's client credentials. */
    boolean acceptsClient(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String expected = properties.getClientId() + ":" + properties.getClientSecret();
        try {
            String given = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            return expected.equals(given);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Issues a new token. */
    String issue() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "sbx-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, clock.instant().plus(properties.getTokenTtl()));
        issued.entrySet().removeIf(e -> e.getValue().isBefore(clock.instant()));
        return token;
    }

    /** Whether {@code authorization} (a Bearer header) carries a token issued here and not expired. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        Instant expires = issued.get(authorization.substring(7).trim());
        return expires != null && clock.instant().isBefore(expires);
    }

    /** Revokes every token, as a credential rotation at Talkdesk would. */
    public void revokeAll() {
        issued.clear();
    }
}
