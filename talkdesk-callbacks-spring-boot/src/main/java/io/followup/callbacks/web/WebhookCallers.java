package io.followup.callbacks.web;

import io.followup.callbacks.engine.WithoutCaller;
import io.followup.callbacks.settings.TalkdeskProperties;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who may call the webhook, and as whom it then works on the engine. With {@code talkdesk.webhook.allowed-groups}
 * set, only authenticated members of those groups get in (403 otherwise), and the webhook starts and cancels
 * follow-ups on their behalf, without their engine authorizations: a support system's technical user needs no
 * permission in the engine, so it cannot deploy, read other data or open Cockpit. Without the setting the caller's
 * own engine permissions apply, as in any host app.
 */
public class WebhookCallers {

    private final IdentityService identityService;
    private final List<String> allowedGroups;

    public WebhookCallers(IdentityService identityService, TalkdeskProperties properties) {
        this.identityService = identityService;
        this.allowedGroups = List.copyOf(properties.getWebhook().getAllowedGroups());
    }

    /** A caller outside {@code talkdesk.webhook.allowed-groups}. */
    public static class NotAllowed extends RuntimeException {
        NotAllowed(String message) {
            super(message);
        }
    }

    /** Refuses a caller who is not in an allowed group. */
    void checkCaller() {
        if (allowedGroups.isEmpty()) {
            return;
        }
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller == null || caller.getGroupIds() == null
                || caller.getGroupIds().stream().noneMatch(allowedGroups::contains)) {
            throw new NotAllowed("the webhook is for members of " + String.join(" or ", allowedGroups));
        }
    }

    /** Runs {@code work} on the engine for an allowed caller, without the caller's own engine authorizations. */
    <T> T onTheirBehalf(Supplier<T> work) {
        if (allowedGroups.isEmpty()) {
            return work.get();
        }
        return WithoutCaller.run(identityService, work);
    }
}
