package io.followup.callbacks.health;

import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.talkdesk.error.TalkdeskConfigurationException;
import io.followup.callbacks.talkdesk.error.TalkdeskException;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code talkdesk} in {@code /actuator/health}: is the token endpoint reachable and are the credentials accepted?
 * Runs only when health is asked for (never during startup) and uses the cached token when there is one.
 */
public class TalkdeskHealthIndicator extends AbstractHealthIndicator {

    private final AccessTokenProvider tokens;
    private final TalkdeskConnection connection;
    private final boolean sandbox;

    public TalkdeskHealthIndicator(AccessTokenProvider tokens, TalkdeskConnection connection, boolean sandbox) {
        super("TDCB-H001 Talkdesk health check failed");
        this.tokens = tokens;
        this.connection = connection;
        this.sandbox = sandbox;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("target", sandbox ? "sandbox" : "talkdesk")
                .withDetail("apiBaseUrl", connection.apiBaseUrl().get());
        if (sandbox) {
            builder.withDetail("sandbox", "talkdesk.sandbox.enabled=true: callbacks are booked in the built-in "
                    + "sandbox and no customer is called");
        }
        try {
            tokens.accessToken();
            builder.up().withDetail("tokenEndpoint", "reachable").withDetail("credentials", "accepted");
        } catch (TalkdeskConfigurationException e) {
            builder.down().withDetail("tokenEndpoint", "reachable").withDetail("credentials", "refused")
                    .withDetail("error", e.getMessage());
        } catch (TalkdeskException e) {
            builder.down().withDetail("tokenEndpoint", "unreachable").withDetail("error", e.getMessage());
        }
    }
}
