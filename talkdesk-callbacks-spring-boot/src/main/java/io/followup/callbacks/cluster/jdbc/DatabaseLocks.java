package io.followup.callbacks.cluster.jdbc;

import io.followup.callbacks.cluster.PhoneNumberLock;
import io.followup.callbacks.cluster.TicketLock;
import io.followup.callbacks.cluster.TransactionScopedLocks;
import java.time.Duration;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link PhoneNumberLock} and {@link TicketLock} as row locks in {@code tdcb_lock}, inside the caller's transaction
 * (for a delegate, the engine's Spring-managed job transaction on the same {@link DataSource}): one row per key,
 * keyed by SHA-256 so no phone number is stored, created on first use and locked with {@code SELECT ... FOR UPDATE}.
 * Nothing to clean up: a node that dies loses its connection and the database releases its locks.
 */
public class DatabaseLocks extends TransactionScopedLocks {

    private static final String LOCK = "SELECT lock_key FROM " + LockSchema.TABLE + " WHERE lock_key = ? FOR UPDATE";

    private final DataSource dataSource;
    private final String claim;
    private final Duration wait;

    public DatabaseLocks(DataSource dataSource, LockSchema schema, Duration wait) {
        this.dataSource = dataSource;
        this.claim = schema.insertIfMissing();
        this.wait = wait;
    }

    @Override
    protected void lockUntilTransactionEnds(String key, String shownAs) {
        JdbcTemplate jdbc = JdbcLockWaits.waitingAtMost(dataSource, wait);
        String hashed = keyOf(key);
        try {
            jdbc.update(claim, hashed); // waits, too, while another transaction's first claim of the key is open
            jdbc.queryForObject(LOCK, String.class, hashed);
        } catch (DataAccessException e) {
            throw JdbcLockWaits.failedToLock(shownAs, wait, e);
        }
    }

    /** The row key of {@code key}: hex SHA-256, so the table holds no personal data. */
    static String keyOf(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }
}
