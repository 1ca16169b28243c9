package io.followup.callbacks.cluster.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The plugin's own table, {@code tdcb_lock}, created at startup by the migration
 * {@code io/followup/callbacks/cluster/jdbc/V1__locks.sql} when it is missing. Several nodes starting at once are fine: a
 * node that loses the race to create it finds it there. Knows the database's way of inserting a row only when it is
 * missing.
 */
public final class LockSchema {

    public static final String TABLE = "tdcb_lock";
    static final String MIGRATION = "io/followup/callbacks/cluster/jdbc/V1__locks.sql";

    private static final Logger LOG = LoggerFactory.getLogger(LockSchema.class);

    private final String product;

    private LockSchema(String product) {
        this.product = product;
    }

    /** Whether {@code dataSource} is an H2 opened in this JVM (file or memory, not a server): no node shares it. */
    public static boolean isEmbeddedH2(DataSource dataSource) {
        return fromMetadata(dataSource, meta -> {
            String url = meta.getURL();
            return product(meta).contains("h2") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
                    && !url.toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE");
        });
    }

    /** Whether {@code dataSource} is a PostgreSQL, which has transaction-scoped advisory locks. */
    public static boolean isPostgres(DataSource dataSource) {
        return fromMetadata(dataSource, meta -> product(meta).contains("postgres"));
    }

    private interface MetadataRead<T> {
        T read(DatabaseMetaData meta) throws SQLException;
    }

    private static <T> T fromMetadata(DataSource dataSource, MetadataRead<T> read) {
        try (Connection connection = dataSource.getConnection()) {
            return read.read(connection.getMetaData());
        } catch (SQLException e) {
            throw new IllegalStateException("TDCB-L006 could not read the database's metadata: " + e.getMessage(), e);
        }
    }

    private static String product(DatabaseMetaData meta) throws SQLException {
        return meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
    }

    /** Creates the table on {@code dataSource} if it is missing. */
    public static LockSchema migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = product(connection.getMetaData());
            if (!exists(connection)) {
                try {
                    ScriptUtils.executeSqlScript(connection, new ClassPathResource(MIGRATION));
                    LOG.info("TDCB-L100 created table {} ({})", TABLE, MIGRATION);
                } catch (RuntimeException e) {
                    if (!exists(connection)) {
                        throw new IllegalStateException("TDCB-L006 could not create table " + TABLE + " from "
                                + MIGRATION + ": " + e.getMessage(), e);
                    }
                }
            }
            LockSchema schema = new LockSchema(product);
            schema.insertIfMissing(); // fails at startup, not at the first booking, on a database it does not know
            return schema;
        } catch (SQLException e) {
            throw new IllegalStateException("TDCB-L006 could not check table " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** SQL with one parameter, the key, that inserts the row unless it is there. */
    String insertIfMissing() {
        if (product.contains("postgres")) {
            return "INSERT INTO " + TABLE + " (lock_key) VALUES (?) ON CONFLICT DO NOTHING";
        }
        if (product.contains("h2")) {
            return "MERGE INTO " + TABLE + " (lock_key) KEY (lock_key) VALUES (?)";
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return "INSERT IGNORE INTO " + TABLE + " (lock_key) VALUES (?)";
        }
        throw new IllegalStateException("TDCB-L004 the cluster locks support PostgreSQL, H2, MySQL and MariaDB, not "
                + product + "; use talkdesk.locks.scope=jvm on a single node (talkdesk.locks.enabled=false is unsafe "
                + "with more than one job thread: two follow-ups of one number could both book)");
    }

    private static boolean exists(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : new String[] {TABLE, TABLE.toUpperCase(Locale.ROOT)}) {
            try (ResultSet tables = meta.getTables(connection.getCatalog(), null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
