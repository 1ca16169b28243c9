package io.followup.callbacks.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The in-process Talkdesk sandbox, under {@code talkdesk.sandbox.*}. */
@ConfigurationProperties(prefix = SandboxProperties.PREFIX)
public class SandboxProperties {

    public static final String PREFIX = "talkdesk.sandbox";
    public static final String DEFAULT_CLIENT_ID = "sandbox-client";

    /**
     * Route callbacks to the in-process sandbox instead of Talkdesk (Spring Boot web apps). Never inferred: off
     * unless set, and then the sandbox is logged loudly and shown in health.
     */
    private boolean enabled;

    /** Client id the sandbox's token endpoint accepts. */
    private String clientId = DEFAULT_CLIENT_ID;

    /** Client secret the sandbox's token endpoint accepts; generated at each start unless set. */
    private String clientSecret;

    /** Lifetime of the tokens the sandbox issues. */
    private Duration tokenTtl = Duration.ofMinutes(10);

    /** Agent ids that can receive callbacks. */
    private List<String> agents = new ArrayList<>(List.of("agent-ana", "agent-bruno", "agent-carla"));

    /** Ring groups that can receive callbacks. */
    private List<String> ringGroups = new ArrayList<>(List.of("support-tier-1", "support-tier-2"));

    /** Caller IDs the account owns (E.164). */
    private List<String> callerIds = new ArrayList<>(List.of("+14155550100", "+351210000000"));

    /** How far ahead a callback must be, as Talkdesk requires. */
    private Duration minimumLeadTime = Duration.ofMinutes(1);

    /** Page size when a list call sends no per_page (Talkdesk's documented default is as small as 1). */
    private int defaultPerPage = 1;

    /** Largest per_page accepted. */
    private int maxPerPage = 500;

    /** Artificial delay before each API answer, to imitate a remote service. */
    private Duration latency = Duration.ZERO;

    /** Most API calls per second it serves; beyond that it answers 429 with Retry-After: 1. 0 means no limit. */
    private int rateLimit;

    public int getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(int rateLimit) {
        this.rateLimit = rateLimit;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /** The configured secret, or one generated for this start (the same for every caller of this object). */
    public synchronized String getClientSecret() {
        if (clientSecret == null || clientSecret.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            clientSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public Duration getTokenTtl() {
        return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    public List<String> getAgents() {
        return agents;
    }

    public void setAgents(List<String> agents) {
        this.agents = agents;
    }

    public List<String> getRingGroups() {
        return ringGroups;
    }

    public void setRingGroups(List<String> ringGroups) {
        this.ringGroups = ringGroups;
    }

    public List<String> getCallerIds() {
        return callerIds;
    }

    public void setCallerIds(List<String> callerIds) {
        this.callerIds = callerIds;
    }

    public Duration getMinimumLeadTime() {
        return minimumLeadTime;
    }

    public void setMinimumLeadTime(Duration minimumLeadTime) {
        this.minimumLeadTime = minimumLeadTime;
    }

    public int getDefaultPerPage() {
        return defaultPerPage;
    }

    public void setDefaultPerPage(int defaultPerPage) {
        this.defaultPerPage = defaultPerPage;
    }

    public int getMaxPerPage() {
        return maxPerPage;
    }

    public void setMaxPerPage(int maxPerPage) {
        this.maxPerPage = maxPerPage;
    }

    public Duration getLatency() {
        return latency;
    }

    public void setLatency(Duration latency) {
        this.latency = latency;
    }
}
