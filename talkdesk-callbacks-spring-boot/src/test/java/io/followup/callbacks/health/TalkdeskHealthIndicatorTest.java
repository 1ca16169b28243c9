package io.followup.callbacks.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import io.followup.callbacks.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** However often health is polled, Talkdesk's token endpoint sees this node at most once a minute. */
class TalkdeskHealthIndicatorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private boolean down;

    private final AccessTokenProvider tokens = new AccessTokenProvider() {
        @Override
        public String accessToken() {
            fetches.incrementAndGet();
            if (down) {
                throw new TalkdeskTransientException("TDCB-T503 token endpoint answered HTTP 503", 503, null, null,
                        null);
            }
            return "token";
        }

        @Override
        public void invalidate(String rejectedToken) {
        }
    };

    private final TalkdeskHealthIndicator health = new TalkdeskHealthIndicator(tokens,
            TalkdeskConnection.fixed("https://api.example", "https://id.example/oauth/token", "id", "secret", "s"),
            false, clock);

    @Test
    void shouldAskTalkdeskAtMostOnceAMinuteAndCacheFailuresToo() {
        down = true;
        for (int poll = 0; poll < 50; poll++) {
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(fetches).as("50 polls in 50 s").hasValue(1);

        down = false;
        clock.advance(Duration.ofSeconds(10));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(fetches).hasValue(2);
        assertThat(health.health().getDetails()).doesNotContainValue("secret");
    }
}
