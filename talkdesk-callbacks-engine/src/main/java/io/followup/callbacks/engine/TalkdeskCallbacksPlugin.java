package io.followup.callbacks.engine;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.ClusterLocks;
import io.followup.callbacks.cluster.JvmLocks;
import io.followup.callbacks.cluster.TicketLock;
import io.followup.callbacks.process.ShippedModel;
import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.settings.InvalidTalkdeskConfigurationException;
import io.followup.callbacks.settings.TalkdeskConnectionResolver;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.settings.TalkdeskRegion;
import io.followup.callbacks.talkdesk.RequestRateLimiter;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.api.TalkdeskCallbacksApi;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.window.AmbiguousZone;
import io.followup.callbacks.window.CustomerWindow;
import io.followup.callbacks.window.OutsideWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Talkdesk callbacks plugin for any Camunda 7 engine: {@code bpm-platform.xml} (Tomcat, WildFly),
 * {@code camunda.cfg.xml}, Camunda Run's {@code process-engine-plugins}, or built by the Spring Boot
 * auto-configuration from {@code talkdesk.*}. It
 * <ul>
 * <li>registers the delegates and {@code talkdeskRetry} under their documented names, so the shipped model and the
 * element templates work with {@code camunda:delegateExpression} on an engine without Spring (unless
 * {@code buildDelegates} is false because the host provides them, as Spring Boot does with beans);</li>
 * <li>honours Talkdesk's {@code Retry-After} when a job fails on a 429;</li>
 * <li>deploys the shipped {@code support-follow-up} process and its forms when {@code deployModel} is true;</li>
 * <li>refuses a second running {@code support-follow-up} for a ticket, whatever starts it
 * ({@link OneFollowUpPerTicket});</li>
 * <li>leaves out, on its own tasks, input and output parameters that copy a variable onto itself, as the element
 * templates' defaults do ({@link IdentityMappings});</li>
 * <li>hands its Talkdesk client and request rules to readers outside the engine's jobs ({@link #services()}, found
 * with {@link #of}), such as the Cockpit tab.</li>
 * </ul>
 * Settings are plain setters named after the {@code talkdesk.*} properties without the prefix, in camelCase:
 * {@code talkdesk.auth.client-id} is {@code authClientId}, {@code talkdesk.api.base-url} is {@code apiBaseUrl}.
 * Durations take ISO-8601 ({@code PT30S}) or {@code 30s}, {@code 500ms}, {@code 5m}, {@code 2h}, {@code 1d}.
 */
public class TalkdeskCallbacksPlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(TalkdeskCallbacksPlugin.class);

    private final TalkdeskProperties settings;
    private MeterRegistry registry;
    private boolean buildDelegates = true;
    private TicketLock ticketLock = ClusterLocks.NONE;
    private CallbackServices services;

    /** For XML configuration: settings come through the setters. */
    public TalkdeskCallbacksPlugin() {
        this(new TalkdeskProperties(), Metrics.globalRegistry);
    }

    /** With settings bound elsewhere (Spring Boot binds {@code talkdesk.*}) and the host's meter registry. */
    public TalkdeskCallbacksPlugin(TalkdeskProperties settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    /**
     * The Talkdesk client, the request rules and the clock this engine's follow-ups use, for readers outside the
     * engine's jobs such as the Cockpit tab; empty until the engine is built (or when the host did not hand them over).
     */
    public Optional<CallbackServices> services() {
        return Optional.ofNullable(services);
    }

    /** Hands over the parts the host built (the Spring Boot auto-configuration does); a plain engine builds its own. */
    public void setServices(CallbackServices services) {
        this.services = services;
    }

    /** The plugin registered in {@code engine}, also inside a {@link CompositeProcessEnginePlugin} (Spring Boot). */
    public static Optional<TalkdeskCallbacksPlugin> of(ProcessEngine engine) {
        if (!(engine.getProcessEngineConfiguration() instanceof ProcessEngineConfigurationImpl configuration)
                || configuration.getProcessEnginePlugins() == null) {
            return Optional.empty();
        }
        return find(configuration.getProcessEnginePlugins());
    }

    private static Optional<TalkdeskCallbacksPlugin> find(List<ProcessEnginePlugin> plugins) {
        for (ProcessEnginePlugin plugin : plugins) {
            if (plugin instanceof TalkdeskCallbacksPlugin own) {
                return Optional.of(own);
            }
            if (plugin instanceof CompositeProcessEnginePlugin composite) {
                Optional<TalkdeskCallbacksPlugin> inside = find(composite.getPlugins());
                if (inside.isPresent()) {
                    return inside;
                }
            }
        }
        return Optional.empty();
    }

    /** The settings this plugin works with. */
    public TalkdeskProperties getSettings() {
        return settings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory current = configuration.getFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory(new RetryAfterFailedJobCommandFactory(
                current == null ? new DefaultFailedJobCommandFactory() : current, registry));
        if (buildDelegates) {
            configuration.setBeans(new LayeredBeans(plainEngineDelegates(), configuration.getBeans()));
        }
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new OneFollowUpPerTicket(() -> ticketLock));
        configuration.getCustomPreBPMNParseListeners().add(new IdentityMappings());
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            TalkdeskConnectionResolver.checkAgainstEngine(settings,
                    Duration.ofMillis(configuration.getJobExecutor().getLockTimeInMillis()));
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        if (settings.isDeployModel()) {
            ShippedModel.deploy(processEngine.getRepositoryService());
        }
    }

    private Map<String, Object> plainEngineDelegates() {
        Clock clock = Clock.systemUTC();
        TalkdeskConnection connection = TalkdeskConnectionResolver.resolve(settings, null);
        HttpClient http = CallbackComponents.httpClient(settings);
        AccessTokenProvider tokens = CallbackComponents.tokens(settings, connection, http, clock);
        RequestRateLimiter limiter = CallbackComponents.rateLimiter(settings);
        TalkdeskCallbacksApi api = CallbackComponents.api(settings, connection, http, tokens, clock, limiter,
                registry);
        TalkdeskCallbackService talkdesk = CallbackComponents.service(settings, api, tokens, registry,
                TalkdeskCallbackService.lookupExecutor());
        LOG.info("TDCB-P001 Talkdesk callbacks plugin: callbacks go to Talkdesk at {}", connection.apiBaseUrl().get());
        ClusterLocks locks = locks();
        ticketLock = locks;
        CallbackRequestFactory requests = CallbackComponents.requests(settings, clock);
        services = new CallbackServices(talkdesk, requests, clock, locks);
        return CallbackComponents.delegates(settings, requests, talkdesk, locks, clock);
    }

    /** Without Spring's transaction manager the locks live in this JVM, released when the engine's command ends. */
    private ClusterLocks locks() {
        TalkdeskProperties.Locks locks = settings.getLocks();
        if (!locks.isEnabled()) {
            return ClusterLocks.NONE;
        }
        if (locks.getScope() == TalkdeskProperties.LockScope.DATABASE) {
            throw new InvalidTalkdeskConfigurationException(List.of("talkdesk.locks.scope=database needs the "
                    + "Spring Boot starter (its transaction manager); on this engine use jvm (a single node)"));
        }
        return new JvmLocks(locks.getWait());
    }

    /**
     * The plugin's beans first, then the ones the engine already had (a {@code camunda.cfg.xml}'s beans are a
     * read-only view of its bean factory, so they are looked up, never copied).
     */
    private static final class LayeredBeans extends HashMap<Object, Object> {

        private final Map<Object, Object> fallback;

        LayeredBeans(Map<String, Object> own, Map<Object, Object> fallback) {
            super(own);
            this.fallback = fallback;
        }

        @Override
        public boolean containsKey(Object key) {
            return super.containsKey(key) || fallback != null && fallback.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            return super.containsKey(key) || fallback == null ? super.get(key) : fallback.get(key);
        }
    }

    /** false when the host provides the delegates itself (Spring beans, or mocks in a test). Default true. */
    public void setBuildDelegates(boolean buildDelegates) {
        this.buildDelegates = buildDelegates;
    }

    /** The per-ticket lock a start takes before it looks for a running follow-up of the ticket (Spring Boot). */
    public void setTicketLock(TicketLock ticketLock) {
        this.ticketLock = ticketLock;
    }

    /** The meter registry for the plugin's metrics; Micrometer's global registry by default. */
    public void setMeterRegistry(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code talkdesk.deploy-model}. */
    public void setDeployModel(boolean deployModel) {
        settings.setDeployModel(deployModel);
    }

    /** {@code talkdesk.region}: US, EU or CA. */
    public void setRegion(String region) {
        settings.setRegion(TalkdeskRegion.valueOf(region.trim().toUpperCase(Locale.ROOT)));
    }

    /** {@code talkdesk.account}. */
    public void setAccount(String account) {
        settings.setAccount(account);
    }

    /** {@code talkdesk.api.base-url}. */
    public void setApiBaseUrl(String baseUrl) {
        settings.getApi().setBaseUrl(baseUrl);
    }

    /** {@code talkdesk.api.connect-timeout}. */
    public void setApiConnectTimeout(String timeout) {
        settings.getApi().setConnectTimeout(duration(timeout));
    }

    /** {@code talkdesk.api.read-timeout}. */
    public void setApiReadTimeout(String timeout) {
        settings.getApi().setReadTimeout(duration(timeout));
    }

    /** {@code talkdesk.api.page-size}. */
    public void setApiPageSize(int pageSize) {
        settings.getApi().setPageSize(pageSize);
    }

    /** {@code talkdesk.api.rate-limit}, requests per second (text, as XML configuration gives no doubles). */
    public void setApiRateLimit(String rateLimit) {
        settings.getApi().setRateLimit(Double.parseDouble(rateLimit.trim()));
    }

    /** {@code talkdesk.api.max-rate-limit-wait}. */
    public void setApiMaxRateLimitWait(String wait) {
        settings.getApi().setMaxRateLimitWait(duration(wait));
    }

    /** {@code talkdesk.auth.refresh-before-expiry}. */
    public void setAuthRefreshBeforeExpiry(String refresh) {
        settings.getAuth().setRefreshBeforeExpiry(duration(refresh));
    }

    /** {@code talkdesk.callbacks.notes-max-length}. */
    public void setCallbacksNotesMaxLength(int maxLength) {
        settings.getCallbacks().setNotesMaxLength(maxLength);
    }

    /** {@code talkdesk.api.log-requests}. */
    public void setApiLogRequests(boolean logRequests) {
        settings.getApi().setLogRequests(logRequests);
    }

    /** {@code talkdesk.auth.token-url}. */
    public void setAuthTokenUrl(String tokenUrl) {
        settings.getAuth().setTokenUrl(tokenUrl);
    }

    /** {@code talkdesk.auth.client-id}. */
    public void setAuthClientId(String clientId) {
        settings.getAuth().setClientId(clientId);
    }

    /** {@code talkdesk.auth.client-secret}. */
    public void setAuthClientSecret(String clientSecret) {
        settings.getAuth().setClientSecret(clientSecret);
    }

    /** {@code talkdesk.auth.scope}. */
    public void setAuthScope(String scope) {
        settings.getAuth().setScope(scope);
    }

    /** {@code talkdesk.callbacks.default-caller-id}. */
    public void setCallbacksDefaultCallerId(String callerId) {
        settings.getCallbacks().setDefaultCallerId(callerId);
    }

    /** {@code talkdesk.callbacks.default-assign-type}: SPECIFIC_AGENT or SPECIFIC_RING_GROUP. */
    public void setCallbacksDefaultAssignType(String assignType) {
        settings.getCallbacks().setDefaultAssignType(AssignType.parse(assignType).orElseThrow(() ->
                new InvalidTalkdeskConfigurationException(List.of("talkdesk.callbacks.default-assign-type must be "
                        + "SPECIFIC_AGENT or SPECIFIC_RING_GROUP, was " + assignType))));
    }

    /** {@code talkdesk.callbacks.default-assignees}, comma-separated. */
    public void setCallbacksDefaultAssignees(String assignees) {
        settings.getCallbacks().setDefaultAssignees(list(assignees));
    }

    /** {@code talkdesk.callbacks.default-phone-region}, such as PT. */
    public void setCallbacksDefaultPhoneRegion(String region) {
        settings.getCallbacks().setDefaultPhoneRegion(region);
    }

    /** {@code talkdesk.callbacks.minimum-lead-time}. */
    public void setCallbacksMinimumLeadTime(String leadTime) {
        settings.getCallbacks().setMinimumLeadTime(duration(leadTime));
    }

    /** {@code talkdesk.callbacks.check-grace-period}. */
    public void setCallbacksCheckGracePeriod(String gracePeriod) {
        settings.getCallbacks().setCheckGracePeriod(duration(gracePeriod));
    }

    /** {@code talkdesk.callbacks.outcome-recheck-interval}. */
    public void setCallbacksOutcomeRecheckInterval(String interval) {
        settings.getCallbacks().setOutcomeRecheckInterval(duration(interval));
    }

    /** {@code talkdesk.callbacks.max-outcome-checks}. */
    public void setCallbacksMaxOutcomeChecks(int maxChecks) {
        settings.getCallbacks().setMaxOutcomeChecks(maxChecks);
    }

    /** {@code talkdesk.retry.cycle}. */
    public void setRetryCycle(String cycle) {
        settings.getRetry().setCycle(cycle);
    }

    /** {@code talkdesk.locks.enabled}. */
    public void setLocksEnabled(boolean enabled) {
        settings.getLocks().setEnabled(enabled);
    }

    /** {@code talkdesk.locks.scope}: auto or jvm on an engine without Spring (both lock in this JVM). */
    public void setLocksScope(String scope) {
        settings.getLocks().setScope(TalkdeskProperties.LockScope.valueOf(scope.trim().toUpperCase(Locale.ROOT)));
    }

    /** {@code talkdesk.locks.wait}. */
    public void setLocksWait(String wait) {
        settings.getLocks().setWait(duration(wait));
    }

    /** {@code talkdesk.windows.customer}: NONE, US_TCPA, UK_OFCOM or CUSTOM. */
    public void setWindowsCustomer(String customer) {
        settings.getWindows().setCustomer(CustomerWindow.parse(customer).orElseThrow(() -> invalid(
                "talkdesk.windows.customer", customer, CustomerWindow.values())));
    }

    /** {@code talkdesk.windows.customer-hours}, such as {@code MON-FRI 09:00-20:00; SAT 10:00-14:00}. */
    public void setWindowsCustomerHours(String hours) {
        settings.getWindows().setCustomerHours(hours);
    }

    /** {@code talkdesk.windows.outside}: NEXT_SLOT or REVIEW. */
    public void setWindowsOutside(String outside) {
        settings.getWindows().setOutside(OutsideWindow.parse(outside).orElseThrow(() -> invalid(
                "talkdesk.windows.outside", outside, OutsideWindow.values())));
    }

    /** {@code talkdesk.windows.ambiguous-zone}: SAFE_WINDOW or REVIEW. */
    public void setWindowsAmbiguousZone(String ambiguous) {
        settings.getWindows().setAmbiguousZone(AmbiguousZone.parse(ambiguous).orElseThrow(() -> invalid(
                "talkdesk.windows.ambiguous-zone", ambiguous, AmbiguousZone.values())));
    }

    /** {@code talkdesk.windows.horizon}. */
    public void setWindowsHorizon(String horizon) {
        settings.getWindows().setHorizon(duration(horizon));
    }

    /** {@code talkdesk.windows.expiry}. */
    public void setWindowsExpiry(String expiry) {
        settings.getWindows().setExpiry(duration(expiry));
    }

    /** {@code talkdesk.windows.zone}: the contact center's IANA zone. */
    public void setWindowsZone(String zone) {
        settings.getWindows().setZone(zone);
    }

    /** {@code talkdesk.windows.opening-hours}. */
    public void setWindowsOpeningHours(String hours) {
        settings.getWindows().setOpeningHours(hours);
    }

    /**
     * {@code talkdesk.windows.ring-group-hours}: {@code group=hours} pairs separated by {@code |}, such as
     * {@code support-tier-1=MON-FRI 09:00-18:00 | vip=MON-SUN 08:00-22:00}.
     */
    public void setWindowsRingGroupHours(String pairs) {
        Map<String, String> hours = new LinkedHashMap<>();
        for (String pair : pairs.split("\\|")) {
            int eq = pair.indexOf('=');
            if (pair.isBlank()) {
                continue;
            }
            if (eq <= 0) {
                throw new InvalidTalkdeskConfigurationException(List.of("talkdesk.windows.ring-group-hours: '"
                        + pair.strip() + "' is not group=hours, such as support-tier-1=MON-FRI 09:00-18:00"));
            }
            hours.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        settings.getWindows().setRingGroupHours(hours);
    }

    /** {@code talkdesk.windows.closed-dates}, comma-separated ISO dates. */
    public void setWindowsClosedDates(String dates) {
        settings.getWindows().setClosedDates(list(dates));
    }

    /** {@code talkdesk.windows.holidays}: PT, GB, GB-ENG, US-NY, ... */
    public void setWindowsHolidays(String holidays) {
        settings.getWindows().setHolidays(holidays);
    }

    /** {@code talkdesk.windows.extra-openings}, comma-separated, such as {@code 2026-12-27 10:00-14:00}. */
    public void setWindowsExtraOpenings(String openings) {
        settings.getWindows().setExtraOpenings(list(openings));
    }

    /** A comma-separated setting as a list: each entry trimmed, empty ones dropped. */
    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static InvalidTalkdeskConfigurationException invalid(String property, String value, Object[] allowed) {
        return new InvalidTalkdeskConfigurationException(List.of(property + " must be one of "
                + Arrays.toString(allowed) + ", was " + value));
    }

    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            int split = 0;
            while (split < value.length() && Character.isDigit(value.charAt(split))) {
                split++;
            }
            long amount = Long.parseLong(value.substring(0, split));
            return switch (value.substring(split)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s", "" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException(text);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use PT30S, 30s, 500ms, 5m, 2h or 1d)");
        }
    }
}
