package io.followup.callbacks.config;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.engine.CallbackComponents;
import io.followup.callbacks.health.TalkdeskHealthIndicator;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.sandbox.SandboxConfiguration;
import io.followup.callbacks.sandbox.SandboxProperties;
import io.followup.callbacks.settings.TalkdeskConnectionResolver;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.talkdesk.RequestRateLimiter;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.talkdesk.TalkdeskClientResources;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.api.TalkdeskCallbacksApi;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The plugin in a Spring Boot app: the Talkdesk client and the callback request rules from {@code talkdesk.*}, each
 * bean backing off when the host defines its own; the delegates and the engine plugin
 * ({@link CallbackDelegatesConfiguration}); and, only when switched on, the webhook ({@code talkdesk.webhook.enabled})
 * and the sandbox ({@code talkdesk.sandbox.enabled}). Switched off as a whole with {@code talkdesk.enabled=false}.
 * It registers no generic beans (no {@link Clock}: a host may name one {@value TalkdeskClientFactory#CLOCK_BEAN}),
 * no filters and no security.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = TalkdeskProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SandboxProperties.class)
@Import({CallbackDelegatesConfiguration.class, WebhookConfiguration.class, SandboxConfiguration.class,
        RestrictedExpressionsConfiguration.class})
public class TalkdeskAutoConfiguration {

    /** The plugin's clock: the host's {@value TalkdeskClientFactory#CLOCK_BEAN} bean, else the system clock. */
    static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }

    static MeterRegistry registry(ObjectProvider<MeterRegistry> registry) {
        return registry.getIfAvailable(() -> Metrics.globalRegistry);
    }

    /** {@code talkdesk.*}, bound here: the plugin's settings class knows nothing of Spring. */
    @Bean
    @ConfigurationProperties(prefix = TalkdeskProperties.PREFIX)
    public TalkdeskProperties talkdeskProperties() {
        return new TalkdeskProperties();
    }

    @Bean
    @ConditionalOnMissingBean
    public TalkdeskConnection talkdeskConnection(TalkdeskProperties properties, SandboxProperties sandbox,
            Environment environment) {
        return TalkdeskConnectionResolver.resolve(properties, sandbox.isEnabled()
                ? SandboxConfiguration.connection(environment, sandbox, properties.getAuth().getScope()) : null);
    }

    @Bean
    @ConditionalOnMissingBean
    public TalkdeskClientResources talkdeskClientResources(TalkdeskProperties properties) {
        return new TalkdeskClientResources(CallbackComponents.httpClient(properties),
                TalkdeskCallbackService.lookupExecutor());
    }

    @Bean
    @ConditionalOnMissingBean
    public AccessTokenProvider talkdeskAccessTokenProvider(TalkdeskConnection connection,
            TalkdeskClientResources resources, TalkdeskProperties properties,
            @Qualifier(TalkdeskClientFactory.CLOCK_BEAN) ObjectProvider<Clock> clock) {
        return CallbackComponents.tokens(properties, connection, resources.http(), clock(clock));
    }

    @Bean
    @ConditionalOnMissingBean
    public RequestRateLimiter talkdeskRateLimiter(TalkdeskProperties properties) {
        return CallbackComponents.rateLimiter(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    public TalkdeskCallbacksApi talkdeskCallbacksApi(TalkdeskConnection connection,
            TalkdeskClientResources resources, AccessTokenProvider tokens, TalkdeskProperties properties,
            @Qualifier(TalkdeskClientFactory.CLOCK_BEAN) ObjectProvider<Clock> clock, RequestRateLimiter limiter,
            ObjectProvider<MeterRegistry> registry) {
        return CallbackComponents.api(properties, connection, resources.http(), tokens, clock(clock), limiter,
                registry(registry));
    }

    @Bean
    @ConditionalOnMissingBean
    public TalkdeskCallbackService talkdeskCallbackService(TalkdeskCallbacksApi api, AccessTokenProvider tokens,
            TalkdeskProperties properties, ObjectProvider<MeterRegistry> registry,
            TalkdeskClientResources resources) {
        return CallbackComponents.service(properties, api, tokens, registry(registry), resources.lookups());
    }

    @Bean
    @ConditionalOnMissingBean
    public CallbackRequestFactory callbackRequestFactory(TalkdeskProperties properties,
            @Qualifier(TalkdeskClientFactory.CLOCK_BEAN) ObjectProvider<Clock> clock) {
        return CallbackComponents.requests(properties, clock(clock));
    }

    /** {@code talkdesk} in {@code /actuator/health}, where the host has Actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "talkdeskHealthIndicator")
        public TalkdeskHealthIndicator talkdeskHealthIndicator(AccessTokenProvider tokens,
                TalkdeskConnection connection, SandboxProperties sandbox,
                @Qualifier(TalkdeskClientFactory.CLOCK_BEAN) ObjectProvider<Clock> clock) {
            return new TalkdeskHealthIndicator(tokens, connection, sandbox.isEnabled(), clock(clock));
        }
    }
}
