package io.followup.callbacks.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own on the machine's PostgreSQL (127.0.0.1:5432, trust auth; {@code .ci/run} starts the server),
 * created for one test class and dropped after it. Override the server with {@code TDCB_TEST_POSTGRES_URL}.
 */
public final class PostgresDatabase implements AutoCloseable {

    static final String SERVER = System.getenv().getOrDefault("TDCB_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getenv().getOrDefault("TDCB_TEST_POSTGRES_USER", "postgres");

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Creates a fresh, empty database. */
    public static PostgresDatabase create() {
        String name = "tdcb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name);
        return new PostgresDatabase(name);
    }

    public String url() {
        return SERVER + name;
    }

    public String user() {
        return USER;
    }

    public DriverManagerDataSource dataSource() {
        return new DriverManagerDataSource(url(), USER, "");
    }

    /** Sets {@code parameter} for every later connection to this database. */
    public void set(String parameter, String value) {
        admin("ALTER DATABASE " + name + " SET " + parameter + " = " + value);
    }

    /** Drops the database, closing whatever connections are still open on it. */
    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " (user " + USER + ") refused: " + sql
                    + " (" + e.getMessage() + "); is it running? .ci/run starts it", e);
        }
    }
}
