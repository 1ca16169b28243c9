package io.followup.callbacks.cluster.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.cluster.LockBusyException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;

/** A lock that could not be had is "busy" only when the database timed the wait out or saw a lock conflict. */
class LockFailuresTest {

    private static final String NUMBER = "+35191*****78 (another follow-up for the number is booking)";

    @Test
    void shouldCallATimedOutWaitBusy() {
        assertThat(JdbcLockWaits.failedToLock(NUMBER, Duration.ofSeconds(10), new QueryTimeoutException("t")))
                .isInstanceOf(LockBusyException.class).hasMessageContaining("TDCB-L001");
        assertThat(JdbcLockWaits.failedToLock(NUMBER, Duration.ofSeconds(10), new CannotAcquireLockException("c")))
                .isInstanceOf(LockBusyException.class);
    }

    @Test
    void shouldReportAnyOtherDatabaseErrorAsWhatItIsNotAsAnotherBooking() {
        RuntimeException failure = JdbcLockWaits.failedToLock(NUMBER, Duration.ofSeconds(10),
                new BadSqlGrammarException("lock", "SELECT ...", new SQLException("Table TDCB_LOCK not found")));

        assertThat(failure).isNotInstanceOf(LockBusyException.class).hasMessageContaining("TDCB-L003")
                .hasMessageContaining("BadSqlGrammarException").hasMessageNotContaining("booking");
    }
}
