package com.example.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A host that forgot the Talkdesk credentials does not start, and is told which property to set. */
class MissingTalkdeskCredentialsTest {

    @Test
    void startupFailsNamingTheMissingClientId() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(HostApplication.class).properties(
                "talkdesk.api.base-url=http://localhost:9",
                "talkdesk.auth.token-url=http://localhost:9/oauth/token",
                "talkdesk.auth.client-secret=secret-without-id",
                // its own engine and database, apart from the other tests' application context
                "operaton.bpm.process-engine-name=missingCredentials",
                "operaton.bpm.job-execution.enabled=false",
                "spring.datasource.url=jdbc:h2:mem:missing-credentials");

        assertThatThrownBy(app::run).hasStackTraceContaining("talkdesk.auth.client-id is not set");
    }
}
