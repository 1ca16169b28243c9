package com.example.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.operaton.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/** The tests of this build run on the Spring Boot and Camunda versions the build was asked for, not others. */
class RuntimeVersionsTest {

    @Test
    void runsOnTheRequestedSpringBootAndCamundaVersions() {
        assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("expected.spring-boot.version"));
        assertThat(ProcessEngine.class.getPackage().getImplementationVersion())
                .isEqualTo(System.getProperty("expected.camunda.version"));
    }
}
