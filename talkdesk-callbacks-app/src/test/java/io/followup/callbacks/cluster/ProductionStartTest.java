package io.followup.callbacks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production profile never falls back to the sandbox: without Talkdesk credentials the app refuses to start and
 * names the property to set. Started in a JVM of its own, as an operator would (the profile's database is replaced by
 * an in-memory H2, which changes nothing here), so no engine state of other tests is touched.
 */
class ProductionStartTest {

    @Test
    void shouldRefuseToStartNamingTheClientIdWhenThePostgresProfileHasNoCredentials() throws Exception {
        AppProcess started = null;
        try {
            started = AppProcess.start("production-without-credentials", List.of(
                    "--spring.profiles.active=postgres", "--spring.datasource.url=jdbc:h2:mem:production-start",
                    "--camunda.bpm.database.type=h2", "--spring.datasource.hikari.connection-init-sql=SELECT 1"));
        } catch (IllegalStateException refused) {
            assertThat(refused).hasMessageContaining("stopped during startup");
        } finally {
            if (started != null) {
                started.close();
            }
        }
        assertThat(started).as("the app must refuse to start").isNull();

        assertThat(Files.readString(Path.of("target", "cluster-test", "production-without-credentials-1.log")))
                .contains("talkdesk.auth.client-id is not set")
                .contains("talkdesk.sandbox.enabled=true");
    }
}
