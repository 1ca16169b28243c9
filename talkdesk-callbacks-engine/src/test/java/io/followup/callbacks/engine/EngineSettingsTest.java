package io.followup.callbacks.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.callbacks.settings.InvalidTalkdeskConfigurationException;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;

/** Settings that depend on the engine are judged against the engine's real values when it starts. */
class EngineSettingsTest {

    private static StandaloneInMemProcessEngineConfiguration engineWithLockTime(int millis) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        jobExecutor.setLockTimeInMillis(millis);
        configuration.setJobExecutor(jobExecutor);
        return configuration;
    }

    @Test
    void shouldRefuseAReadTimeoutAboveHalfTheEnginesJobLockTime() {
        TalkdeskCallbacksPlugin plugin = new TalkdeskCallbacksPlugin();
        plugin.setApiReadTimeout("45s");

        assertThatThrownBy(() -> plugin.postInit(engineWithLockTime(60_000)))
                .isInstanceOf(InvalidTalkdeskConfigurationException.class)
                .hasMessageContaining("talkdesk.api.read-timeout").hasMessageContaining("PT1M");
        assertThatCode(() -> plugin.postInit(engineWithLockTime(600_000))).doesNotThrowAnyException();
    }
}
