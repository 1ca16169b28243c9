package io.followup.callbacks.settings;

import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.window.AmbiguousZone;
import io.followup.callbacks.window.CustomerWindow;
import io.followup.callbacks.window.OutsideWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the Talkdesk callbacks plugin, under {@code talkdesk.*}; every one can be set from the environment
 * ({@code TALKDESK_API_BASE_URL}, {@code TALKDESK_AUTH_CLIENT_ID}, ...). The sandbox has its own group,
 * {@code talkdesk.sandbox.*}. A plain bean: the Spring Boot module binds it, the engine plugin's setters fill it.
 */
public class TalkdeskProperties {

    public static final String PREFIX = "talkdesk";

    /** Whether the plugin's client and delegates are set up. */
    private boolean enabled = true;

    /** Talkdesk region whose API and token hosts are used when no explicit URL is set (US, EU or CA). */
    private TalkdeskRegion region = TalkdeskRegion.US;

    /** Talkdesk account name, used in the region's token URL ({account}.talkdeskid.com). */
    private String account;

    private final Api api = new Api();
    private final Auth auth = new Auth();
    private final Callbacks callbacks = new Callbacks();
    private final Retry retry = new Retry();
    private final Locks locks = new Locks();
    private final Webhook webhook = new Webhook();
    private final Expressions expressions = new Expressions();
    private final Windows windows = new Windows();

    /**
     * Whether to deploy the shipped {@code support-follow-up} process and its Tasklist forms at engine start
     * (duplicate-filtered, so a restart or a second node deploys nothing new). Off in a host app unless asked for.
     */
    private boolean deployModel;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public TalkdeskRegion getRegion() {
        return region;
    }

    public void setRegion(TalkdeskRegion region) {
        this.region = region;
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public Api getApi() {
        return api;
    }

    public Auth getAuth() {
        return auth;
    }

    public Callbacks getCallbacks() {
        return callbacks;
    }

    public Windows getWindows() {
        return windows;
    }

    public Locks getLocks() {
        return locks;
    }

    public Expressions getExpressions() {
        return expressions;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    public boolean isDeployModel() {
        return deployModel;
    }

    public void setDeployModel(boolean deployModel) {
        this.deployModel = deployModel;
    }

    public Retry getRetry() {
        return retry;
    }

    /** The Scheduled Callbacks API. */
    public static class Api {

        /** API base URL; defaults to the region's host (https://api.talkdeskapp.com for US). */
        private String baseUrl;

        /** Time allowed to open a connection to Talkdesk. */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /** Time allowed for Talkdesk to answer one call; keep it well below the job lock time (5 minutes). */
        private Duration readTimeout = Duration.ofSeconds(30);

        /** Page size used when listing callbacks (at most 500). */
        private int pageSize = 100;

        /** Whether each API call is logged (method, path, masked query, status, time), at DEBUG. */
        private boolean logRequests = true;

        /** Most API requests per second this node sends, shared by all its threads; 0 means no limit. */
        private double rateLimit = 0;

        /**
         * How long one call may wait in all on 429 answers (honouring {@code Retry-After}) before it gives the job
         * back to the job executor, which retries it no earlier than {@code Retry-After}.
         */
        private Duration maxRateLimitWait = Duration.ofSeconds(30);

        public double getRateLimit() {
            return rateLimit;
        }

        public void setRateLimit(double rateLimit) {
            this.rateLimit = rateLimit;
        }

        public Duration getMaxRateLimitWait() {
            return maxRateLimitWait;
        }

        public void setMaxRateLimitWait(Duration maxRateLimitWait) {
            this.maxRateLimitWait = maxRateLimitWait;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public int getPageSize() {
            return pageSize;
        }

        public void setPageSize(int pageSize) {
            this.pageSize = pageSize;
        }

        public boolean isLogRequests() {
            return logRequests;
        }

        public void setLogRequests(boolean logRequests) {
            this.logRequests = logRequests;
        }
    }

    /** OAuth 2.0 client credentials. */
    public static class Auth {

        /** Token URL; defaults to the region's token host for talkdesk.account. */
        private String tokenUrl;

        /** OAuth client id of the Talkdesk API client. */
        private String clientId;

        /** OAuth client secret; never logged. */
        private String clientSecret;

        /** Scopes requested with every token. */
        private String scope = "schedule-callbacks:read schedule-callbacks:write";

        /** A cached token is renewed this long before it expires. */
        private Duration refreshBeforeExpiry = Duration.ofSeconds(60);

        public String getTokenUrl() {
            return tokenUrl;
        }

        public void setTokenUrl(String tokenUrl) {
            this.tokenUrl = tokenUrl;
        }

        public String getClientId() {
            return clientId;
        }

        public void setClientId(String clientId) {
            this.clientId = clientId;
        }

        public String getClientSecret() {
            return clientSecret;
        }

        public void setClientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
        }

        public String getScope() {
            return scope;
        }

        public void setScope(String scope) {
            this.scope = scope;
        }

        public Duration getRefreshBeforeExpiry() {
            return refreshBeforeExpiry;
        }

        public void setRefreshBeforeExpiry(Duration refreshBeforeExpiry) {
            this.refreshBeforeExpiry = refreshBeforeExpiry;
        }
    }

    /** Defaults and rules applied to every callback request. */
    public static class Callbacks {

        /** Caller ID (E.164) used when a request names none. */
        private String defaultCallerId;

        /** Assign type used when a request names none: SPECIFIC_AGENT or SPECIFIC_RING_GROUP. */
        private AssignType defaultAssignType = AssignType.SPECIFIC_RING_GROUP;

        /** Agent ids or ring group names used when a request names none. */
        private List<String> defaultAssignees = new ArrayList<>();

        /** Region (ISO 3166 code such as PT) for phone numbers given without a country code. */
        private String defaultPhoneRegion;

        /** How far in the future a callback must be when it is sent; Talkdesk requires 1 minute. */
        private Duration minimumLeadTime = Duration.ofMinutes(1);

        /** Notes longer than this are cut. */
        private int notesMaxLength = 500;

        /** How long after the callback time the follow-up checks whether the customer was reached. */
        private Duration checkGracePeriod = Duration.ofHours(2);

        /** How long to wait before looking again when the callback is still waiting to be called at the check. */
        private Duration outcomeRecheckInterval = Duration.ofHours(1);

        /** How many looks at a callback still waiting to be called before a supervisor takes over. */
        private int maxOutcomeChecks = 3;

        public String getDefaultCallerId() {
            return defaultCallerId;
        }

        public void setDefaultCallerId(String defaultCallerId) {
            this.defaultCallerId = defaultCallerId;
        }

        public AssignType getDefaultAssignType() {
            return defaultAssignType;
        }

        public void setDefaultAssignType(AssignType defaultAssignType) {
            this.defaultAssignType = defaultAssignType;
        }

        public List<String> getDefaultAssignees() {
            return defaultAssignees;
        }

        public void setDefaultAssignees(List<String> defaultAssignees) {
            this.defaultAssignees = defaultAssignees;
        }

        public String getDefaultPhoneRegion() {
            return defaultPhoneRegion;
        }

        public void setDefaultPhoneRegion(String defaultPhoneRegion) {
            this.defaultPhoneRegion = defaultPhoneRegion;
        }

        public Duration getMinimumLeadTime() {
            return minimumLeadTime;
        }

        public void setMinimumLeadTime(Duration minimumLeadTime) {
            this.minimumLeadTime = minimumLeadTime;
        }

        public int getNotesMaxLength() {
            return notesMaxLength;
        }

        public void setNotesMaxLength(int notesMaxLength) {
            this.notesMaxLength = notesMaxLength;
        }

        public Duration getOutcomeRecheckInterval() {
            return outcomeRecheckInterval;
        }

        public void setOutcomeRecheckInterval(Duration outcomeRecheckInterval) {
            this.outcomeRecheckInterval = outcomeRecheckInterval;
        }

        public int getMaxOutcomeChecks() {
            return maxOutcomeChecks;
        }

        public void setMaxOutcomeChecks(int maxOutcomeChecks) {
            this.maxOutcomeChecks = maxOutcomeChecks;
        }

        public Duration getCheckGracePeriod() {
            return checkGracePeriod;
        }

        public void setCheckGracePeriod(Duration checkGracePeriod) {
            this.checkGracePeriod = checkGracePeriod;
        }
    }

    /**
     * Locks per number around the find-then-book step and per ticket around starting a follow-up: row locks in the
     * engine's database (table {@code tdcb_lock}), or locks in this JVM where no other node can share the database.
     */
    public static class Locks {

        /** Whether to lock; only a single node is safe without it. */
        private boolean enabled = true;

        /**
         * Where the locks live: {@code auto} (in the database, except on H2, which one node alone opens: there in
         * the JVM), {@code database} or {@code jvm}.
         */
        private LockScope scope = LockScope.AUTO;

        /** How long to wait for another follow-up holding the same number or ticket before giving up (and retrying). */
        private Duration wait = Duration.ofSeconds(30);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public LockScope getScope() {
            return scope;
        }

        public void setScope(LockScope scope) {
            this.scope = scope;
        }

        public Duration getWait() {
            return wait;
        }

        public void setWait(Duration wait) {
            this.wait = wait;
        }
    }

    /**
     * When callbacks may be booked: the customer's calling window (in the customer's zone), the opening hours of the
     * assignment target (in the contact center's zone), a booking horizon and an expiry. Talkdesk enforces calling
     * hours only for Dialer campaigns, not for callbacks created through its API.
     */
    public static class Windows {

        /** The customer's calling window: NONE, US_TCPA (every day 08:00-21:00), UK_OFCOM, or CUSTOM. */
        private CustomerWindow customer = CustomerWindow.US_TCPA;

        /** The customer's hours for CUSTOM, such as {@code MON-FRI 09:00-20:00; SAT 10:00-14:00}. */
        private String customerHours;

        /** A time outside the windows: NEXT_SLOT (book the earliest allowed time and say so) or REVIEW. */
        private OutsideWindow outside = OutsideWindow.NEXT_SLOT;

        /** A request without a zone whose number maps to several: SAFE_WINDOW (all of them) or REVIEW. */
        private AmbiguousZone ambiguousZone = AmbiguousZone.SAFE_WINDOW;

        /** How far ahead a callback may be booked. */
        private Duration horizon = Duration.ofDays(30);

        /** How long after its time a callback still waiting to be made goes to the supervisor. */
        private Duration expiry = Duration.ofDays(1);

        /** The contact center's IANA zone, in which opening hours, closed dates and holidays are read. */
        private String zone = "UTC";

        /** Opening hours of agents and of ring groups not listed in {@code ring-group-hours}; empty: always open. */
        private String openingHours;

        /** Opening hours per ring group, by name: {@code ring-group-hours.support-tier-1=MON-FRI 09:00-18:00}. */
        private Map<String, String> ringGroupHours = new LinkedHashMap<>();

        /** Dates the contact center is closed (ISO-8601, such as 2026-12-24). */
        private List<String> closedDates = new ArrayList<>();

        /** Public holidays on which the contact center is closed: a country (PT, GB, US) or country-region (GB-ENG). */
        private String holidays;

        /** Extra opening times on given dates, even closed ones: {@code 2026-12-27 10:00-14:00}. */
        private List<String> extraOpenings = new ArrayList<>();

        public CustomerWindow getCustomer() {
            return customer;
        }

        public void setCustomer(CustomerWindow customer) {
            this.customer = customer;
        }

        public String getCustomerHours() {
            return customerHours;
        }

        public void setCustomerHours(String customerHours) {
            this.customerHours = customerHours;
        }

        public OutsideWindow getOutside() {
            return outside;
        }

        public void setOutside(OutsideWindow outside) {
            this.outside = outside;
        }

        public AmbiguousZone getAmbiguousZone() {
            return ambiguousZone;
        }

        public void setAmbiguousZone(AmbiguousZone ambiguousZone) {
            this.ambiguousZone = ambiguousZone;
        }

        public Duration getHorizon() {
            return horizon;
        }

        public void setHorizon(Duration horizon) {
            this.horizon = horizon;
        }

        public Duration getExpiry() {
            return expiry;
        }

        public void setExpiry(Duration expiry) {
            this.expiry = expiry;
        }

        public String getZone() {
            return zone;
        }

        public void setZone(String zone) {
            this.zone = zone;
        }

        public String getOpeningHours() {
            return openingHours;
        }

        public void setOpeningHours(String openingHours) {
            this.openingHours = openingHours;
        }

        public Map<String, String> getRingGroupHours() {
            return ringGroupHours;
        }

        public void setRingGroupHours(Map<String, String> ringGroupHours) {
            this.ringGroupHours = ringGroupHours;
        }

        public List<String> getClosedDates() {
            return closedDates;
        }

        public void setClosedDates(List<String> closedDates) {
            this.closedDates = closedDates;
        }

        public String getHolidays() {
            return holidays;
        }

        public void setHolidays(String holidays) {
            this.holidays = holidays;
        }

        public List<String> getExtraOpenings() {
            return extraOpenings;
        }

        public void setExtraOpenings(List<String> extraOpenings) {
            this.extraOpenings = extraOpenings;
        }
    }

    /** Retries of technical failures by the job executor. */
    public static class Retry {

        /** Camunda retry cycle of every Talkdesk task: R5/PT1M, or a list of intervals for backoff. */
        private String cycle = "PT10S,PT30S,PT1M,PT2M,PT5M";

        public String getCycle() {
            return cycle;
        }

        public void setCycle(String cycle) {
            this.cycle = cycle;
        }
    }

    /** The webhook {@code POST /api/follow-ups} (Spring Boot web apps only). */
    public static class Webhook {

        /** Whether to serve the webhook; a host app gets no endpoint unless it asks for one. */
        private boolean enabled;

        /**
         * Camunda groups whose authenticated members may call the webhook (403 for anyone else); the webhook then
         * works on the engine on their behalf, so they need no engine permissions at all. Empty: whoever the host
         * lets through, working with their own engine permissions.
         */
        private List<String> allowedGroups = new ArrayList<>();

        public List<String> getAllowedGroups() {
            return allowedGroups;
        }

        public void setAllowedGroups(List<String> allowedGroups) {
            this.allowedGroups = allowedGroups;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** What expressions in BPMN models may reach (Spring Boot). */
    public static class Expressions {

        /**
         * Whether expressions see only the plugin's delegates, {@code talkdeskRetry} and {@code extra-beans}, not every
         * bean of the application (which would let a model read secrets through {@code ${environment...}}).
         */
        private boolean restricted;

        /** The host's own beans models may still use when {@code restricted} is on. */
        private List<String> extraBeans = new ArrayList<>();

        public boolean isRestricted() {
            return restricted;
        }

        public void setRestricted(boolean restricted) {
            this.restricted = restricted;
        }

        public List<String> getExtraBeans() {
            return extraBeans;
        }

        public void setExtraBeans(List<String> extraBeans) {
            this.extraBeans = extraBeans;
        }
    }

    /** Where the per-number and per-ticket locks live. */
    public enum LockScope {
        /** In the engine's database, except on an embedded H2 (one node alone opens it): there in the JVM. */
        AUTO,
        /** In this JVM: a single node. */
        JVM,
        /**
         * In the engine's database, for several nodes: transaction-scoped advisory locks on PostgreSQL (nothing
         * written), row locks in table {@code tdcb_lock} on MySQL, MariaDB and H2 servers.
         */
        DATABASE
    }
}
