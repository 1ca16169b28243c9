package io.followup.callbacks.talkdesk;

import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The time budget of the Talkdesk work of one job on this thread: token fetch, pages, 429 waits and retries in
 * place all stay within it, so a job never outlives its lock and is never run by a second node while the first
 * still works on it (camunda-bpm-platform#2666). The delegates open it with a budget below the engine's job lock
 * time; outside a budget (tests, the health check) only the client's own timeouts apply.
 */
public final class JobDeadline {

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();
    private static final ThreadLocal<Duration> BUDGET = new ThreadLocal<>();

    private JobDeadline() {
    }

    /** Runs {@code work} within {@code budget} (an enclosing, shorter budget stays in force). */
    public static <T> T within(Duration budget, Supplier<T> work) {
        Long outer = DEADLINE.get();
        Duration outerBudget = BUDGET.get();
        long deadline = System.nanoTime() + budget.toNanos();
        if (outer == null || deadline - outer < 0) {
            DEADLINE.set(deadline);
            BUDGET.set(budget);
        }
        try {
            return work.get();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
                BUDGET.remove();
            } else {
                DEADLINE.set(outer);
                BUDGET.set(outerBudget);
            }
        }
    }

    /** {@link #within} for work without a result. */
    public static void run(Duration budget, Runnable work) {
        within(budget, () -> {
            work.run();
            return null;
        });
    }

    /** What is left of the budget; empty outside one. Never negative. */
    public static Optional<Duration> remaining() {
        Long deadline = DEADLINE.get();
        if (deadline == null) {
            return Optional.empty();
        }
        long left = deadline - System.nanoTime();
        return Optional.of(left <= 0 ? Duration.ZERO : Duration.ofNanos(left));
    }

    /** {@code limit}, or what is left of the budget when that is less. */
    public static Duration cap(Duration limit) {
        return remaining().filter(left -> left.compareTo(limit) < 0).orElse(limit);
    }

    /** Throws a transient failure (the job is retried) when the budget has run out before {@code what}. */
    public static void check(String what) {
        if (remaining().filter(Duration::isZero).isPresent()) {
            throw new TalkdeskTransientException("TDCB-T408 the job's time budget (" + BUDGET.get().toSeconds()
                    + "s, below the engine's job lock time) ran out before " + what + "; the job is retried",
                    0, null, null, null);
        }
    }
}
