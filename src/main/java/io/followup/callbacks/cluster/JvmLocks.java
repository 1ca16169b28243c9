package io.followup.callbacks.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link ClusterLocks} inside one JVM, for an embedded database that only one node can open (H2 file, the embedded
 * default): the same per-number and per-ticket serialisation as {@link DatabaseLocks}, held until the current
 * transaction ends, without writing to the database. Keys share 1,024 striped locks.
 */
public class JvmLocks extends TransactionScopedLocks {

    private final ReentrantLock[] stripes = IntStream.range(0, 1024).mapToObj(i -> new ReentrantLock())
            .toArray(ReentrantLock[]::new);
    private final Duration wait;

    public JvmLocks(Duration wait) {
        this.wait = wait;
    }

    @Override
    protected void lockUntilTransactionEnds(String key, String shownAs) {
        ReentrantLock stripe = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        try {
            if (!stripe.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LockBusyException("TDCB-L001 could not lock " + shownAs + " within " + wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockBusyException("TDCB-L001 interrupted while locking " + shownAs);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                stripe.unlock();
            }
        });
    }
}
