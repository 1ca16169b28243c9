package io.followup.callbacks.bench;

import io.followup.callbacks.cluster.PostgresDatabase;
import java.util.List;
import java.util.UUID;

/** The database of one run: a fresh H2 file (the embedded default) or a fresh database on the local PostgreSQL. */
interface BenchDatabase extends AutoCloseable {

    List<String> properties();

    @Override
    void close();

    static BenchDatabase create(String kind) {
        if (kind.equals("postgres")) {
            PostgresDatabase postgres = PostgresDatabase.create();
            return new BenchDatabase() {
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
            throw new IllegalArgumentException("database must be h2 or postgres: " + kind);
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
