package io.followup.callbacks.talkdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The node's request pacing, on a fake clock: slots one interval apart, no bursts, 429 pauses everyone. */
class RequestRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> sleeps = new ArrayList<>();

    private RequestRateLimiter limiter(double perSecond) {
        return new RequestRateLimiter(perSecond, now::get, nanos -> sleeps.add(nanos));
    }

    @Test
    void shouldSpaceRequestsOneIntervalApartWhenTheyArriveTogether() throws Exception {
        RequestRateLimiter limiter = limiter(10);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(limiter.acquire());
        }
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(300), Duration.ofMillis(400));
    }

    @Test
    void shouldNotWaitForASlotBeyondTheJobsDeadlineNorTakeIt() throws Exception {
        RequestRateLimiter limiter = limiter(2);
        limiter.acquire();

        Duration refused = limiter.acquire(Duration.ofMillis(100)); // the next slot is 500 ms away

        assertThat(refused).as("no slot within the limit").isNull();
        assertThat(sleeps).as("nothing slept").isEmpty();
        assertThat(limiter.acquire(Duration.ofSeconds(1))).as("the slot is still free").isEqualTo(
                Duration.ofMillis(500));
    }

    @Test
    void shouldNotSaveUpPermitsWhileIdle() throws Exception {
        RequestRateLimiter limiter = limiter(10);
        limiter.acquire();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(limiter.acquire()).isZero();
        assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldHoldEveryRequestUntilARetryAfterPauseIsOver() throws Exception {
        RequestRateLimiter unlimited = limiter(0);
        assertThat(unlimited.acquire()).isZero();
        unlimited.pause(Duration.ofSeconds(2));
        assertThat(unlimited.acquire()).isEqualTo(Duration.ofSeconds(2));
        assertThat(unlimited.acquire()).isEqualTo(Duration.ofSeconds(2));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(unlimited.acquire()).isZero();
        assertThat(sleeps).containsExactly(2_000_000_000L, 2_000_000_000L);
    }

    @Test
    void shouldRefuseANegativeRate() {
        assertThatThrownBy(() -> limiter(-1)).hasMessageContaining("talkdesk.api.rate-limit");
    }
}
