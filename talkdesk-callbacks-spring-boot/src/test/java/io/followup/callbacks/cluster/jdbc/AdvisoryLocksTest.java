package io.followup.callbacks.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.callbacks.cluster.ClusterLocks;
import io.followup.callbacks.cluster.JvmLocks;
import io.followup.callbacks.cluster.LockBusyException;
import io.followup.callbacks.config.CallbackDelegatesConfiguration;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.settings.TalkdeskProperties.LockScope;
import io.followup.callbacks.testing.PostgresDatabase;
import io.followup.callbacks.testing.RequiresPostgres;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The advisory locks on the real PostgreSQL: the same serialisation as the row locks, but the locking transaction
 * writes nothing (PostgreSQL assigns it no transaction id), no table is created, and no number reaches the database.
 */
@RequiresPostgres
class AdvisoryLocksTest {

    private static PostgresDatabase postgres;
    private static DataSource dataSource;
    private static TransactionTemplate tx;

    @BeforeAll
    static void createDatabase() {
        postgres = PostgresDatabase.create();
        dataSource = postgres.dataSource();
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void dropDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldMakeASecondBookingOfTheSameNumberWaitForTheFirst() throws Exception {
        HeldLock.assertSecondBookingWaitsForFirst(tx, new AdvisoryLocks(dataSource, Duration.ofSeconds(20)));
    }

    @Test
    void shouldNotMakeOtherNumbersOrTheSameTicketIdWait() throws Exception {
        AdvisoryLocks lock = new AdvisoryLocks(dataSource, Duration.ofSeconds(5));
        HeldLock first = new HeldLock(tx, () -> lock.lockFor("+351910000001"));
        CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
            lock.lockFor("+351910000002");
            lock.lockTicket("+351910000001");
        })).get(5, TimeUnit.SECONDS);
        first.release();
    }

    @Test
    void shouldGiveUpWithARetryableFailureNamingTheMaskedNumberWhenTheWaitRunsOut() throws Exception {
        AdvisoryLocks patient = new AdvisoryLocks(dataSource, Duration.ofSeconds(30));
        AdvisoryLocks impatient = new AdvisoryLocks(dataSource, Duration.ofSeconds(1));
        HeldLock first = new HeldLock(tx, () -> patient.lockFor("+351910000003"));
        try {
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> impatient.lockFor("+351910000003")))
                    .isInstanceOf(LockBusyException.class)
                    .hasMessageContaining("+35191*****03")
                    .hasMessageNotContaining("+351910000003");
        } finally {
            first.release();
        }
        tx.executeWithoutResult(s -> impatient.lockFor("+351910000003")); // released with the first transaction
    }

    @Test
    void shouldWriteNothingWhereRowLocksWrite() {
        AdvisoryLocks advisory = new AdvisoryLocks(dataSource, Duration.ofSeconds(5));
        assertThat(transactionIdAfter(() -> advisory.lockFor("+351910000004")))
                .as("PostgreSQL assigns a transaction id only to a transaction that writes").isNull();
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'tdcb_lock'", Integer.class))
                .as("no lock table").isZero();

        DatabaseLocks rows = new DatabaseLocks(dataSource, LockSchema.migrate(dataSource), Duration.ofSeconds(5));
        assertThat(transactionIdAfter(() -> rows.lockFor("+351910000004")))
                .as("the row lock's SELECT ... FOR UPDATE writes (and commits)").isNotNull();
    }

    @Test
    void shouldHoldTheLockInTheDatabaseUnderAHashedKeyOnly() throws Exception {
        AdvisoryLocks lock = new AdvisoryLocks(dataSource, Duration.ofSeconds(5));
        HeldLock held = new HeldLock(tx, () -> lock.lockFor("+351910000005"));
        try {
            assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM pg_locks WHERE "
                    + "locktype = 'advisory' AND classid = ? AND objid = ?::bigint & 4294967295 AND objsubid = 2",
                    Integer.class, AdvisoryLocks.NAMESPACE, (long) AdvisoryLocks.keyOf("phone:+351910000005")))
                    .isOne();
        } finally {
            held.release();
        }
    }

    @Test
    void shouldBeTheDatabaseLockOnPostgresAndTheRowLockElsewhere() {
        TalkdeskProperties properties = new TalkdeskProperties();
        assertThat(locksFor(properties, dataSource)).isInstanceOf(AdvisoryLocks.class);
        DataSource h2Server = new DriverManagerDataSource("jdbc:h2:mem:advisory-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        properties.getLocks().setScope(LockScope.DATABASE); // an H2 that other nodes could share: rows
        assertThat(locksFor(properties, h2Server)).isInstanceOf(DatabaseLocks.class);
        properties.getLocks().setScope(LockScope.AUTO); // the embedded H2: in the JVM
        assertThat(locksFor(properties, h2Server)).isInstanceOf(JvmLocks.class);
    }

    private static ClusterLocks locksFor(TalkdeskProperties properties, DataSource dataSource) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("dataSource", dataSource);
        return new CallbackDelegatesConfiguration().clusterLocks(properties, beans);
    }

    @Test
    void shouldRefuseToRunOutsideATransaction() {
        AdvisoryLocks lock = new AdvisoryLocks(dataSource, Duration.ofSeconds(5));
        assertThatThrownBy(() -> lock.lockFor("+351910000006")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    /** Runs {@code lock} in a transaction and returns the transaction id PostgreSQL assigned it, if any. */
    private static Object transactionIdAfter(Runnable lock) {
        AtomicReference<Object> id = new AtomicReference<>();
        tx.executeWithoutResult(s -> {
            lock.run();
            id.set(new JdbcTemplate(dataSource).queryForObject("SELECT txid_current_if_assigned()", Object.class));
        });
        return id.get();
    }
}
