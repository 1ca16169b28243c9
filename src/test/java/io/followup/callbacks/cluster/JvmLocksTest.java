package io.followup.callbacks.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The in-JVM locks of the embedded default: held until the transaction ends, whatever way it ends. */
class JvmLocksTest {

    private final DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:jvm-locks-" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(h2));

    @Test
    void shouldHoldTheNumberUntilTheTransactionEndsThenLetTheNextOneIn() throws Exception {
        JvmLocks locks = new JvmLocks(Duration.ofSeconds(10));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            locks.lockFor("+351912345678");
            held.countDown();
            await(release);
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() ->
                tx.executeWithoutResult(s -> locks.lockFor("+351912345678")));
        Thread.sleep(300);
        assertThat(second).isNotDone();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldReleaseOnRollbackAndGiveUpWithARetryableFailureWhenBusy() throws Exception {
        JvmLocks locks = new JvmLocks(Duration.ofMillis(300));
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            locks.lockTicket("T-1");
            throw new IllegalStateException("the job failed");
        })).hasMessage("the job failed");
        tx.executeWithoutResult(s -> locks.lockTicket("T-1")); // released by the rollback

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            locks.lockFor("+351912345679");
            held.countDown();
            await(release);
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> locks.lockFor("+351912345679")))
                    .isInstanceOf(LockBusyException.class).hasMessageContaining("+35191*****79");
        } finally {
            release.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRefuseToRunOutsideATransaction() {
        assertThatThrownBy(() -> new JvmLocks(Duration.ofSeconds(1)).lockFor("+351912345670"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
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
