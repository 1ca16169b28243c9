package io.followup.callbacks.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.callbacks.cluster.LockBusyException;
import io.followup.callbacks.testing.PostgresDatabase;
import io.followup.callbacks.testing.RequiresPostgres;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database locks on the real PostgreSQL and on H2: a second transaction for the same number (or ticket) waits
 * until the first one ends, other numbers do not wait, a holder that waits too long gets a retryable failure, and
 * no phone number is stored.
 */
class DatabaseLocksTest {

    private static PostgresDatabase postgres;

    /** The class's own database on the machine's PostgreSQL, created by the first test that needs it. */
    private static synchronized PostgresDatabase postgres() {
        if (postgres == null) {
            postgres = PostgresDatabase.create();
        }
        return postgres;
    }

    @AfterAll
    static void dropDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static DataSource h2() {
        return new DriverManagerDataSource("jdbc:h2:mem:lock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    @RequiresPostgres
    void shouldMakeASecondBookingOfTheSameNumberWaitForTheFirstOnPostgres() throws Exception {
        assertSecondWaitsForFirst(postgres().dataSource());
    }

    @Test
    void shouldMakeASecondBookingOfTheSameNumberWaitForTheFirstOnH2() throws Exception {
        assertSecondWaitsForFirst(h2());
    }

    @Test
    @RequiresPostgres
    void shouldNotMakeOtherNumbersWait() throws Exception {
        DataSource dataSource = postgres().dataSource();
        DatabaseLocks lock = new DatabaseLocks(dataSource, LockSchema.migrate(dataSource),
                Duration.ofSeconds(5));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        HeldLock first = new HeldLock(tx, () -> lock.lockFor("+351910000001"));
        CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> lock.lockFor("+351910000002")))
                .get(5, TimeUnit.SECONDS);
        first.release();
    }

    @Test
    @RequiresPostgres
    void shouldGiveUpWithARetryableFailureNamingTheMaskedNumberWhenTheWaitRunsOut() throws Exception {
        DataSource dataSource = postgres().dataSource();
        LockSchema schema = LockSchema.migrate(dataSource);
        DatabaseLocks patient = new DatabaseLocks(dataSource, schema, Duration.ofSeconds(30));
        DatabaseLocks impatient = new DatabaseLocks(dataSource, schema, Duration.ofSeconds(1));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        HeldLock first = new HeldLock(tx, () -> patient.lockFor("+351910000003"));
        try {
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> impatient.lockFor("+351910000003")))
                    .isInstanceOf(LockBusyException.class)
                    .hasMessageContaining("+35191*****03")
                    .hasMessageNotContaining("+351910000003");
        } finally {
            first.release();
        }
    }

    @Test
    @RequiresPostgres
    void shouldStoreOnlyAHashOfTheNumberAndCreateTheTableOnce() {
        DataSource dataSource = postgres().dataSource();
        LockSchema.migrate(dataSource);
        DatabaseLocks lock = new DatabaseLocks(dataSource, LockSchema.migrate(dataSource),
                Duration.ofSeconds(5));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.executeWithoutResult(s -> lock.lockFor("+351910000004"));
        tx.executeWithoutResult(s -> lock.lockFor("+351910000004"));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForList("SELECT lock_key FROM tdcb_lock", String.class))
                .contains(DatabaseLocks.keyOf("phone:+351910000004"))
                .noneMatch(key -> key.contains("351910000004"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tdcb_lock WHERE lock_key = ?", Integer.class,
                DatabaseLocks.keyOf("phone:+351910000004"))).isOne();
    }

    @Test
    void shouldRefuseToRunOutsideATransaction() {
        DataSource dataSource = h2();
        DatabaseLocks lock = new DatabaseLocks(dataSource, LockSchema.migrate(dataSource),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> lock.lockFor("+351910000005")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    private static void assertSecondWaitsForFirst(DataSource dataSource) throws Exception {
        DatabaseLocks lock = new DatabaseLocks(dataSource, LockSchema.migrate(dataSource),
                Duration.ofSeconds(20));
        HeldLock.assertSecondBookingWaitsForFirst(new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                lock);
    }

    @Test
    @RequiresPostgres
    void shouldKeepTicketsAndNumbersApart() throws Exception {
        DataSource dataSource = postgres().dataSource();
        DatabaseLocks locks = new DatabaseLocks(dataSource, LockSchema.migrate(dataSource), Duration.ofSeconds(5));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        HeldLock ticket = new HeldLock(tx, () -> locks.lockTicket("+351910000006"));
        CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> locks.lockFor("+351910000006")))
                .get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> new DatabaseLocks(dataSource,
                LockSchema.migrate(dataSource), Duration.ofSeconds(1)).lockTicket("+351910000006")))
                .isInstanceOf(LockBusyException.class).hasMessageContaining("ticket");
        ticket.release();
    }
}
