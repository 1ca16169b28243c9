package io.followup.callbacks.cluster.jdbc;

import io.followup.callbacks.cluster.PhoneNumberLock;
import io.followup.callbacks.cluster.TicketLock;
import io.followup.callbacks.cluster.TransactionScopedLocks;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link PhoneNumberLock} and {@link TicketLock} as PostgreSQL transaction-scoped advisory locks
 * ({@code pg_advisory_xact_lock}) inside the caller's transaction: nothing is written, so the lock costs the
 * database no commit work, and PostgreSQL releases it at commit or rollback, or when the node holding it dies and
 * its connection goes. Keys are the 32-bit prefix of the key's SHA-256 in the namespace {@link #NAMESPACE} (the
 * two-key form, which PostgreSQL keeps apart from single-key advisory locks a host application may take); two
 * numbers sharing a prefix only wait for each other.
 */
public class AdvisoryLocks extends TransactionScopedLocks {

    /** The first key of every lock this plugin takes: "tdcb" in ASCII. */
    public static final int NAMESPACE = 0x74646362;

    private static final String LOCK = "SELECT pg_advisory_xact_lock(?, ?)";

    private final DataSource dataSource;
    private final Duration wait;

    public AdvisoryLocks(DataSource dataSource, Duration wait) {
        this.dataSource = dataSource;
        this.wait = wait;
    }

    @Override
    protected void lockUntilTransactionEnds(String key, String shownAs) {
        JdbcTemplate jdbc = JdbcLockWaits.waitingAtMost(dataSource, wait);
        try {
            jdbc.query(LOCK, row -> { }, NAMESPACE, keyOf(key)); // waits while another transaction holds it
        } catch (DataAccessException e) {
            throw JdbcLockWaits.failedToLock(shownAs, wait, e);
        }
    }

    /** The second key of {@code key}'s lock: the first four bytes of its SHA-256, so no number is sent. */
    static int keyOf(String key) {
        return ByteBuffer.wrap(sha256(key)).getInt();
    }
}
