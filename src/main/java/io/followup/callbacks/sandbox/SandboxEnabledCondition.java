package io.followup.callbacks.sandbox;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@code talkdesk.sandbox.enabled} when set; otherwise on while {@code talkdesk.auth.client-id} is not set. */
class SandboxEnabledCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Boolean explicit = context.getEnvironment().getProperty(SandboxProperties.PREFIX + ".enabled", Boolean.class);
        if (explicit != null) {
            return explicit;
        }
        String clientId = context.getEnvironment().getProperty("talkdesk.auth.client-id");
        return clientId == null || clientId.isBlank();
    }
}
