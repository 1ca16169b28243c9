package io.followup.callbacks.config;

import io.followup.callbacks.health.TalkdeskHealthIndicator;
import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.CallbackRequestRules;
import io.followup.callbacks.sandbox.SandboxConfiguration;
import io.followup.callbacks.sandbox.SandboxProperties;
import io.followup.callbacks.talkdesk.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.talkdesk.RequestRateLimiter;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.api.TalkdeskCallbacksApi;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Sets up the Talkdesk client and the callback request rules from {@code talkdesk.*}. Switched off with
 * {@code talkdesk.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = TalkdeskProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties({TalkdeskProperties.class, SandboxProperties.class})
@Import({CallbackDelegatesConfiguration.class, SandboxConfiguration.class})
public class TalkdeskAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    public TalkdeskConnection talkdeskConnection(TalkdeskProperties properties, SandboxProperties sandbox,
            Environment environment) {
        return TalkdeskConnectionResolver.resolve(properties, sandbox, environment);
    }

    @Bean
    @ConditionalOnMissingBean(name = "talkdeskHttpClient")
    public HttpClient talkdeskHttpClient(TalkdeskProperties properties) {
        return TalkdeskClientFactory.httpClient(properties.getApi().getConnectTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    public AccessTokenProvider talkdeskAccessTokenProvider(TalkdeskConnection connection,
            @Qualifier("talkdeskHttpClient") HttpClient httpClient, TalkdeskProperties properties, Clock clock) {
        return TalkdeskClientFactory.tokenProvider(connection, httpClient, properties.getApi().getReadTimeout(),
                properties.getAuth().getRefreshBeforeExpiry(), clock);
    }

    /** The node's client-side rate limit ({@code talkdesk.api.rate-limit}), shared by all its threads. */
    @Bean
    @ConditionalOnMissingBean
    public RequestRateLimiter talkdeskRateLimiter(TalkdeskProperties properties) {
        return new RequestRateLimiter(properties.getApi().getRateLimit());
    }

    @Bean
    @ConditionalOnMissingBean
    public TalkdeskCallbacksApi talkdeskCallbacksApi(TalkdeskConnection connection,
            @Qualifier("talkdeskHttpClient") HttpClient httpClient, AccessTokenProvider tokens,
            TalkdeskProperties properties, Clock clock, RequestRateLimiter limiter,
            ObjectProvider<MeterRegistry> registry) {
        TalkdeskProperties.Api api = properties.getApi();
        return TalkdeskClientFactory.api(connection, httpClient, tokens, api.getConnectTimeout(),
                api.getReadTimeout(), api.isLogRequests(), clock, limiter, api.getMaxRateLimitWait(),
                registry.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnMissingBean
    public TalkdeskCallbackService talkdeskCallbackService(TalkdeskCallbacksApi api, AccessTokenProvider tokens,
            TalkdeskProperties properties, ObjectProvider<MeterRegistry> registry,
            @Qualifier("talkdeskLookups") ExecutorService lookups) {
        return new TalkdeskCallbackService(api, tokens, properties.getApi().getPageSize(),
                properties.getCallbacks().getNotesMaxLength(), registry.getIfAvailable(() -> Metrics.globalRegistry),
                lookups);
    }

    /** The threads that list the second active status while the job's thread lists the first. */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean(name = "talkdeskLookups")
    public ExecutorService talkdeskLookups() {
        return TalkdeskCallbackService.lookupExecutor();
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnMissingBean(name = "talkdeskHealthIndicator")
    public TalkdeskHealthIndicator talkdeskHealthIndicator(AccessTokenProvider tokens, TalkdeskConnection connection,
            TalkdeskProperties properties, SandboxProperties sandbox) {
        return new TalkdeskHealthIndicator(tokens, connection,
                TalkdeskConnectionResolver.sandboxEnabled(properties, sandbox));
    }

    @Bean
    @ConditionalOnMissingBean
    public CallbackRequestFactory callbackRequestFactory(TalkdeskProperties properties, Clock clock) {
        TalkdeskProperties.Callbacks callbacks = properties.getCallbacks();
        CallbackRequestRules rules = new CallbackRequestRules(callbacks.getDefaultCallerId(),
                AssignType.parse(callbacks.getDefaultAssignType()).orElse(AssignType.SPECIFIC_RING_GROUP),
                callbacks.getDefaultAssignees(), callbacks.getDefaultPhoneRegion(), callbacks.getMinimumLeadTime(),
                callbacks.getNotesMaxLength());
        return new CallbackRequestFactory(rules, clock);
    }
}
