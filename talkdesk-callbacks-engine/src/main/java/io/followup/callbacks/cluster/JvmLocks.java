package io.followup.callbacks.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * {@link ClusterLocks} inside one JVM, for an embedded database that only one node can open (H2 file, the embedded
 * default): the same per-number and per-ticket serialisation as {@link DatabaseLocks}, held until the current
 * transaction ends (Spring's, or the engine command's), without writing to the database. Keys share 1,024
 * striped locks.
 */
public class JvmLocks extends TransactionScopedLocks {

    private final ReentrantLock[] stripes = IntStream.range(0, 1024).mapToObj(i -> new ReentrantLock())
            .toArray(ReentrantLock[]::new);
    private final Duration wait;

    public JvmLocks(Duration wait) {
        this.wait = wait;
    }

    @Override
    protected boolean transactionActive() {
        return TransactionEnd.available();
    }

    @Override
    protected void lockUntilTransactionEnds(String key, String shownAs) {
        ReentrantLock stripe = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        try {
            Duration limit = waitAtMost(wait);
            if (!stripe.tryLock(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LockBusyException("TDCB-L001 could not lock " + shownAs + " within " + limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockBusyException("TDCB-L007 interrupted while locking " + shownAs);
        }
        TransactionEnd.register(stripe::unlock);
    }
}
