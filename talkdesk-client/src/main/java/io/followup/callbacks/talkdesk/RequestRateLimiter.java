package io.followup.callbacks.talkdesk;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces the requests of one node to at most {@code permitsPerSecond}, shared by all its threads (each request
 * takes the next free slot; no bursts), and lets a 429 pause every thread until Talkdesk's {@code Retry-After}.
 */
public class RequestRateLimiter {

    /** Sleeps the calling thread; swapped in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFree;

    public RequestRateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    public RequestRateLimiter(double permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (permitsPerSecond < 0 || Double.isNaN(permitsPerSecond)) {
            throw new IllegalArgumentException("talkdesk.api.rate-limit must be 0 (no limit) or more, was "
                    + permitsPerSecond);
        }
        this.intervalNanos = permitsPerSecond == 0 ? 0 : (long) (1_000_000_000L / permitsPerSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.nextFree = nanoTime.getAsLong();
    }

    /** Waits for this request's slot; returns how long it waited. */
    public Duration acquire() throws InterruptedException {
        return acquire(null);
    }

    /**
     * Waits for this request's slot unless that takes longer than {@code limit} (null: no limit); returns how long
     * it waited, or null without taking a slot when the wait would be longer.
     */
    public Duration acquire(Duration limit) throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long slot = Math.max(now, nextFree);
            wait = slot - now;
            if (limit != null && wait > limit.toNanos()) {
                return null;
            }
            nextFree = slot + intervalNanos;
        }
        if (wait > 0) {
            sleeper.sleep(wait);
        }
        return Duration.ofNanos(wait);
    }

    /** No request of this node starts before {@code pause} from now. */
    public void pause(Duration pause) {
        synchronized (this) {
            nextFree = Math.max(nextFree, nanoTime.getAsLong() + pause.toNanos());
        }
    }
}
