package io.followup.callbacks.sandbox;

import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The in-process Talkdesk sandbox, served by the app itself under {@value SandboxApi#PATH}: only with
 * {@code talkdesk.sandbox.enabled=true} in a servlet web app, never inferred from missing credentials.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = SandboxProperties.PREFIX, name = "enabled", havingValue = "true")
@Import({SandboxApiController.class, SandboxAdminController.class})
public class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    /** The client's connection to the sandbox this app serves, on the port it listens on. */
    public static TalkdeskConnection connection(Environment environment, SandboxProperties sandbox, String scope) {
        return new TalkdeskConnection(() -> baseUrl(environment), () -> baseUrl(environment) + "/oauth/token",
                sandbox.getClientId(), sandbox.getClientSecret(), scope);
    }

    private static String baseUrl(Environment environment) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return "http://127.0.0.1:" + port + contextPath + SandboxApi.PATH;
    }

    @Bean
    public SandboxCallbackStore sandboxCallbackStore(SandboxProperties properties,
            @Qualifier(TalkdeskClientFactory.CLOCK_BEAN) ObjectProvider<Clock> clock) {
        LOG.warn("TDSBX-001 talkdesk.sandbox.enabled=true: callbacks are booked in the in-process Talkdesk SANDBOX, "
                + "not in Talkdesk, and no customer will be called");
        return new SandboxCallbackStore(properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public SandboxApi sandboxApi(SandboxCallbackStore store, SandboxTokens tokens, SandboxProperties properties) {
        return new SandboxApi(store, tokens, properties);
    }

    @Bean
    public SandboxTokens sandboxTokens(SandboxProperties properties,
            @Qualifier(TalkdeskClientFactory.CLOCK_BEAN) ObjectProvider<Clock> clock) {
        return new SandboxTokens(properties, clock.getIfAvailable(Clock::systemUTC));
    }
}
