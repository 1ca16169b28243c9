package io.followup.callbacks.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.callbacks.settings.InvalidTalkdeskConfigurationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The production profile never falls back to the sandbox: without Talkdesk credentials the app refuses to start and
 * names the property to set. (The profile's database is replaced by an in-memory H2, which changes nothing here.)
 */
class ProductionStartTest {

    @Test
    void shouldRefuseToStartNamingTheClientIdWhenThePostgresProfileHasNoCredentials() {
        SpringApplicationBuilder production = new SpringApplicationBuilder(CallbacksApplication.class)
                .profiles("postgres");
        assertThatThrownBy(() -> production.run("--spring.datasource.url=jdbc:h2:mem:production-start",
                "--camunda.bpm.database.type=h2", "--spring.datasource.hikari.connection-init-sql=SELECT 1",
                "--server.port=0", "--camunda.bpm.admin-user.password=not-used-here").close()).rootCause()
                .isInstanceOf(InvalidTalkdeskConfigurationException.class)
                .hasMessageContaining("talkdesk.auth.client-id is not set");
    }
}
