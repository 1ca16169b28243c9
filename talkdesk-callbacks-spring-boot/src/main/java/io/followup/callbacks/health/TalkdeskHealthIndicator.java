package io.followup.callbacks.health;

import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.talkdesk.error.TalkdeskConfigurationException;
import io.followup.callbacks.talkdesk.error.TalkdeskException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * {@code talkdesk} in {@code /actuator/health}: is the token endpoint reachable and are the credentials accepted?
 * Runs only when health is asked for (never during startup), uses the cached token when there is one, and keeps its
 * answer, a failure included, for {@link #CACHE_FOR}: however often health is polled, it makes Talkdesk's token
 * endpoint see this node at most once a minute.
 */
public class TalkdeskHealthIndicator implements HealthIndicator {

    /** How long one answer is reused. */
    public static final Duration CACHE_FOR = Duration.ofMinutes(1);

    private final AccessTokenProvider tokens;
    private final TalkdeskConnection connection;
    private final boolean sandbox;
    private final Clock clock;
    private Health cached;
    private Instant checkedAt;

    public TalkdeskHealthIndicator(AccessTokenProvider tokens, TalkdeskConnection connection, boolean sandbox,
            Clock clock) {
        this.tokens = tokens;
        this.connection = connection;
        this.sandbox = sandbox;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(checkedAt.plus(CACHE_FOR))) {
            cached = check(now);
            checkedAt = now;
        }
        return cached;
    }

    private Health check(Instant now) {
        Health.Builder builder = Health.unknown().withDetail("target", sandbox ? "sandbox" : "talkdesk")
                .withDetail("apiBaseUrl", connection.apiBaseUrl().get()).withDetail("checkedAt", now.toString());
        if (sandbox) {
            builder.withDetail("sandbox", "talkdesk.sandbox.enabled=true: callbacks are booked in the built-in "
                    + "sandbox and no customer is called");
        }
        try {
            tokens.accessToken();
            return builder.status(Status.UP).withDetail("tokenEndpoint", "reachable")
                    .withDetail("credentials", "accepted").build();
        } catch (TalkdeskConfigurationException e) {
            return builder.status(Status.DOWN).withDetail("tokenEndpoint", "reachable")
                    .withDetail("credentials", "refused").withDetail("error", e.getMessage()).build();
        } catch (TalkdeskException e) {
            return builder.status(Status.DOWN).withDetail("tokenEndpoint", "unreachable")
                    .withDetail("error", e.getMessage()).build();
        }
    }
}
