package io.followup.callbacks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.callbacks.settings.InvalidTalkdeskConfigurationException;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.window.CallingWindows;
import io.followup.callbacks.window.CustomerWindow;
import java.time.Duration;
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

    @Test
    void shouldTakeTheCallingWindowsFromThePluginsSettersAndNameABadOneAtStart() {
        TalkdeskCallbacksPlugin plugin = new TalkdeskCallbacksPlugin();
        plugin.setWindowsCustomer("uk-ofcom");
        plugin.setWindowsZone("Europe/Lisbon");
        plugin.setWindowsRingGroupHours("support-tier-1=MON-FRI 09:00-18:00 | vip=MON-SUN 08:00-22:00");
        plugin.setWindowsClosedDates("2026-12-24, 2026-12-31");
        plugin.setWindowsExtraOpenings("2026-12-27 10:00-14:00");
        plugin.setWindowsHorizon("14d");

        TalkdeskProperties.Windows windows = plugin.getSettings().getWindows();
        assertThat(windows.getCustomer()).isEqualTo(CustomerWindow.UK_OFCOM);
        assertThat(windows.getRingGroupHours()).containsEntry("support-tier-1", "MON-FRI 09:00-18:00")
                .containsEntry("vip", "MON-SUN 08:00-22:00");
        assertThat(windows.getClosedDates()).containsExactly("2026-12-24", "2026-12-31");
        assertThat(windows.getHorizon()).isEqualTo(Duration.ofDays(14));
        assertThatCode(() -> CallingWindows.from(windows)).doesNotThrowAnyException();

        assertThatThrownBy(() -> plugin.setWindowsOutside("LATER")).isInstanceOf(
                InvalidTalkdeskConfigurationException.class).hasMessageContaining("talkdesk.windows.outside");
        plugin.setWindowsHolidays("Atlantis");
        assertThatThrownBy(() -> CallingWindows.from(windows)).hasMessageContaining("talkdesk.windows.holidays");
    }
}
