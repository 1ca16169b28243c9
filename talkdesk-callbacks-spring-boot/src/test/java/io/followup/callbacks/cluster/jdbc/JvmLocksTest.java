package io.followup.callbacks.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.callbacks.cluster.JvmLocks;
import io.followup.callbacks.cluster.LockBusyException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
        HeldLock first = new HeldLock(tx, () -> locks.lockFor("+351912345678"));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() ->
                tx.executeWithoutResult(s -> locks.lockFor("+351912345678")));
        Thread.sleep(300);
        assertThat(second).isNotDone();
        first.release();
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

        HeldLock holder = new HeldLock(tx, () -> locks.lockFor("+351912345679"));
        try {
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> locks.lockFor("+351912345679")))
                    .isInstanceOf(LockBusyException.class).hasMessageContaining("+35191*****79");
        } finally {
            holder.release();
        }
    }

    @Test
    void shouldWaitForALockNoLongerThanWhatIsLeftOfTheJobsBudget() throws Exception {
        JvmLocks locks = new JvmLocks(Duration.ofMinutes(10));
        HeldLock holder = new HeldLock(tx, () -> locks.lockFollowUp("pi-1"));
        try {
            assertThatThrownBy(() -> io.followup.callbacks.talkdesk.JobDeadline.run(Duration.ofMillis(300),
                    () -> tx.executeWithoutResult(s -> locks.lockFollowUp("pi-1"))))
                    .as("not the configured 10 minutes").isInstanceOf(LockBusyException.class)
                    .hasMessageContaining("follow-up pi-1").hasMessageNotContaining("PT10M");
        } finally {
            holder.release();
        }
    }

    @Test
    void shouldRefuseToRunOutsideATransaction() {
        assertThatThrownBy(() -> new JvmLocks(Duration.ofSeconds(1)).lockFor("+351912345670"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transaction");
    }
}
