package io.followup.callbacks.cluster.jdbc;

import io.followup.callbacks.cluster.LockBusyException;
import io.followup.callbacks.cluster.TransactionScopedLocks;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The waits and failures of the locks that live in the database ({@link DatabaseLocks}, {@link AdvisoryLocks}). */
final class JdbcLockWaits {

    private JdbcLockWaits() {
    }

    /** A JDBC template whose statements wait at most {@link TransactionScopedLocks#waitAtMost} (seconds, at least 1). */
    static JdbcTemplate waitingAtMost(DataSource dataSource, Duration wait) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setQueryTimeout((int) Math.max(1, TransactionScopedLocks.waitAtMost(wait).toSeconds()));
        return jdbc;
    }

    /**
     * The lock could not be had: busy ({@link LockBusyException}, retried) when the database timed the wait out or
     * refused for a lock conflict; any other database error as what it is, never as "busy".
     */
    static RuntimeException failedToLock(String shownAs, Duration wait, DataAccessException e) {
        if (e instanceof QueryTimeoutException || e instanceof PessimisticLockingFailureException) {
            return new LockBusyException("TDCB-L001 could not lock " + shownAs + " within "
                    + TransactionScopedLocks.waitAtMost(wait) + ": " + e.getClass().getSimpleName());
        }
        return new IllegalStateException("TDCB-L003 the database failed while locking " + shownAs.replaceAll(
                " \\(.*\\)$", "") + ": " + e.getClass().getSimpleName() + " (" + e.getMostSpecificCause()
                        .getClass().getSimpleName() + ")", e);
    }
}
