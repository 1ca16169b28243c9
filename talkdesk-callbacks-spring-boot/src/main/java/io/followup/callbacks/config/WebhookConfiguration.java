package io.followup.callbacks.config;

import io.followup.callbacks.cluster.ClusterLocks;
import io.followup.callbacks.engine.FollowUpService;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.web.FollowUpController;
import io.followup.callbacks.web.WebhookCallers;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The webhook {@code POST /api/follow-ups}, only with {@code talkdesk.webhook.enabled=true} in a servlet web app. It
 * brings no authentication of its own: the host secures {@code /api/*} as it secures the rest of its API (the
 * runnable app puts HTTP Basic against Camunda's users in front of it).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.camunda.bpm.engine.ProcessEngine")
@ConditionalOnProperty(prefix = TalkdeskProperties.PREFIX, name = "webhook.enabled", havingValue = "true")
@Import(FollowUpController.class)
public class WebhookConfiguration {

    /** The follow-up commands the webhook takes (start one per ticket, cancel). */
    @Bean
    public FollowUpService talkdeskFollowUpService(ProcessEngine engine, ClusterLocks locks) {
        return new FollowUpService(engine, locks);
    }

    @Bean
    public WebhookCallers webhookCallers(IdentityService identityService, TalkdeskProperties properties) {
        return new WebhookCallers(identityService, properties);
    }
}
