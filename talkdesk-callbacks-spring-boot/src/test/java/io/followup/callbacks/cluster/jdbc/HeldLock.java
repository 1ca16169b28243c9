package io.followup.callbacks.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.cluster.PhoneNumberLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.transaction.support.TransactionTemplate;

/** A transaction on another thread that holds what {@code lock} takes until {@link #release()}. */
final class HeldLock {

    private final CountDownLatch release = new CountDownLatch(1);
    final AtomicLong ended = new AtomicLong();
    private final CompletableFuture<Void> transaction;

    HeldLock(TransactionTemplate tx, Runnable lock) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        transaction = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            lock.run();
            held.countDown();
            await(release);
            ended.set(System.nanoTime());
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).as("the first transaction got the lock").isTrue();
    }

    /** A second transaction taking {@code lock} on the same number waits until the first one has ended. */
    static void assertSecondBookingWaitsForFirst(TransactionTemplate tx, PhoneNumberLock lock) throws Exception {
        AtomicLong secondLocked = new AtomicLong();
        HeldLock first = new HeldLock(tx, () -> lock.lockFor("+351912345678"));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            lock.lockFor("+351912345678");
            secondLocked.set(System.nanoTime());
        }));
        Thread.sleep(500);
        assertThat(second).as("the second booking of the number must wait while the first holds the lock")
                .isNotDone();
        first.release();
        second.get(10, TimeUnit.SECONDS);
        assertThat(secondLocked.get()).isGreaterThan(first.ended.get());
    }

    void release() throws Exception {
        release.countDown();
        transaction.get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
