package io.followup.callbacks.sandbox;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The in-process Talkdesk sandbox, on while no Talkdesk credentials are set or when switched on explicitly. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(SandboxEnabledCondition.class)
@Import({SandboxApiController.class, SandboxAdminController.class})
public class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean
    public SandboxCallbackStore sandboxCallbackStore(SandboxProperties properties, Clock clock) {
        LOG.warn("TDSBX-001 callbacks are booked in the in-process Talkdesk SANDBOX, not in Talkdesk: set "
                + "talkdesk.auth.client-id/client-secret to use Talkdesk");
        return new SandboxCallbackStore(properties, clock);
    }

    @Bean
    public SandboxApi sandboxApi(SandboxCallbackStore store, SandboxTokens tokens, SandboxProperties properties) {
        return new SandboxApi(store, tokens, properties);
    }

    @Bean
    public SandboxTokens sandboxTokens(SandboxProperties properties, Clock clock) {
        return new SandboxTokens(properties, clock);
    }
}
