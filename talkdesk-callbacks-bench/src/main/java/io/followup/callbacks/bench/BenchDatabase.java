package io.followup.callbacks.bench;

import io.followup.callbacks.testing.PostgresDatabase;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The database of one run: a fresh H2 file (the embedded default) or a fresh database on the local PostgreSQL. */
interface BenchDatabase extends AutoCloseable {

    /** The PostgreSQL settings that decide commit cost, recorded with every run. */
    String SETTINGS = "SELECT string_agg(name || '=' || setting || COALESCE(unit, ''), ' ' ORDER BY name) FROM pg_settings "
            + "WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method', 'commit_delay', 'shared_buffers', "
            + "'wal_buffers', 'max_wal_size', 'checkpoint_timeout', 'full_page_writes', 'max_connections', "
            + "'server_version')";

    List<String> properties();

    /** What the run's database is, with the settings that matter for its speed. */
    default String settings(ConfigurableApplicationContext app) {
        return "H2 " + org.h2.engine.Constants.VERSION + " file";
    }

    @Override
    void close();

    static BenchDatabase create(String kind) {
        if (kind.equals("postgres") || kind.equals("postgres-fast")) {
            PostgresDatabase postgres = PostgresDatabase.create();
            if (kind.equals("postgres-fast")) {
                // the "fast disk" approximation: commits do not wait for the WAL flush (every variant alike)
                postgres.set("synchronous_commit", "off");
            }
            return new BenchDatabase() {
                @Override
                public String settings(ConfigurableApplicationContext app) {
                    return "PostgreSQL " + new JdbcTemplate(app.getBean(DataSource.class))
                            .queryForObject(SETTINGS, String.class);
                }

                @Override
                public List<String> properties() {
                    return List.of("--spring.profiles.active=postgres", "--POSTGRES_URL=" + postgres.url(),
                            "--POSTGRES_USER=" + postgres.user());
                }

                @Override
                public void close() {
                    postgres.close();
                }
            };
        }
        if (!kind.equals("h2")) {
            throw new IllegalArgumentException("database must be h2, postgres or postgres-fast: " + kind);
        }
        String file = "./target/bench/db/" + UUID.randomUUID();
        return new BenchDatabase() {
            @Override
            public List<String> properties() {
                return List.of("--spring.datasource.url=jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE");
            }

            @Override
            public void close() {
            }
        };
    }
}
