package io.followup.callbacks.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.ClusterLocks;
import io.followup.callbacks.cluster.JvmLocks;
import io.followup.callbacks.cluster.PhoneNumberLock;
import io.followup.callbacks.cluster.TicketLock;
import io.followup.callbacks.cluster.jdbc.DatabaseLocks;
import io.followup.callbacks.delegate.ScheduleCallbackDelegate;
import io.followup.callbacks.engine.TalkdeskCallbacksPlugin;
import io.followup.callbacks.process.SupportFollowUpProcess.Delegates;
import io.followup.callbacks.settings.InvalidTalkdeskConfigurationException;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** Startup wiring and validation of {@code talkdesk.*}. */
class TalkdeskAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    TalkdeskAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-" + UUID.randomUUID());

    /** A host app that configured Talkdesk and nothing else of ours. */
    private final ApplicationContextRunner configured = runner.withPropertyValues(
            "talkdesk.api.base-url=http://localhost:9999/td", "talkdesk.auth.token-url=http://localhost:9999/token",
            "talkdesk.auth.client-id=id", "talkdesk.auth.client-secret=s");

    @Test
    void shouldRefuseToStartNamingClientIdWhenNothingIsConfigured() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidTalkdeskConfigurationException.class)
                    .hasMessageContaining("talkdesk.auth.client-id is not set")
                    .hasMessageContaining("talkdesk.sandbox.enabled=true");
        });
    }

    @Test
    void shouldImposeNothingOnTheHostItDidNotAskFor() {
        configured.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(Clock.class);
            assertThat(context).doesNotHaveBean(java.net.http.HttpClient.class);
            assertThat(context).doesNotHaveBean(java.util.concurrent.ExecutorService.class);
            assertThat(context).doesNotHaveBean("followUpController");
            assertThat(context).doesNotHaveBean("sandboxApi");
            assertThat(context.getBean(TalkdeskCallbacksPlugin.class).getSettings().isDeployModel()).isFalse();
        });
    }

    @Test
    void shouldBackOffWhenTheHostDefinesItsOwnDelegate() {
        ScheduleCallbackDelegate own = new ScheduleCallbackDelegate(null, null, null, null, null);
        configured.withBean(Delegates.SCHEDULE, ScheduleCallbackDelegate.class, () -> own)
                .run(context -> assertThat(context.getBean(Delegates.SCHEDULE)).isSameAs(own));
    }

    @Test
    void shouldFailAtStartupOnATypoInAnEnumProperty() {
        configured.withPropertyValues("talkdesk.locks.scope=jvmm").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("talkdesk.locks.scope"));
        configured.withPropertyValues("talkdesk.callbacks.default-assign-type=EVERYONE").run(context ->
                assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("talkdesk.callbacks.default-assign-type"));
    }

    @Test
    void shouldFailAtStartupNamingEveryBadCallingWindowSetting() {
        configured.withPropertyValues("talkdesk.windows.zone=Mars/Olympus",
                "talkdesk.windows.ring-group-hours.support-tier-1=MON-FRI 09:00-18:00 17:00-19:00",
                "talkdesk.windows.holidays=XX").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("talkdesk.windows.zone")
                            .hasStackTraceContaining("talkdesk.windows.ring-group-hours.support-tier-1: Monday "
                                    + "09:00-18:00 and 17:00-19:00 overlap")
                            .hasStackTraceContaining("talkdesk.windows.holidays");
                });
        configured.withPropertyValues("talkdesk.windows.customer=night-owl").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("talkdesk.windows.customer"));
    }

    @Test
    void shouldFailAtStartupOnARetryCycleCamundaCannotRead() {
        configured.withPropertyValues("talkdesk.retry.cycle=10s,30s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(InvalidTalkdeskConfigurationException.class)
                    .hasMessageContaining("talkdesk.retry.cycle").hasMessageContaining("'10s'");
        });
        configured.withPropertyValues("talkdesk.retry.cycle=R5/PT1M").run(context ->
                assertThat(context).hasNotFailed());
        configured.withPropertyValues("talkdesk.retry.cycle=PT10S, PT1M").run(context ->
                assertThat(context).hasNotFailed());
    }

    @Test
    void shouldFailAtStartupOnAnUnknownDefaultPhoneRegion() {
        configured.withPropertyValues("talkdesk.callbacks.default-phone-region=PRT").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("talkdesk.callbacks.default-phone-region"));
    }

    @Test
    void shouldFailFastNamingClientIdAndSecretWhenSandboxIsOffAndNoCredentials() {
        runner.withPropertyValues("talkdesk.sandbox.enabled=false", "talkdesk.account=acme")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidTalkdeskConfigurationException.class)
                            .hasMessageContaining("talkdesk.auth.client-id is not set")
                            .hasMessageContaining("talkdesk.auth.client-secret is not set");
                });
    }

    @Test
    void shouldUseRegionPresetsWhenOnlyAccountAndCredentialsAreSet() {
        runner.withPropertyValues("talkdesk.region=EU", "talkdesk.account=acme", "talkdesk.auth.client-id=id",
                "talkdesk.auth.client-secret=very-secret").run(context -> {
                    TalkdeskConnection connection = context.getBean(TalkdeskConnection.class);
                    assertThat(connection.apiBaseUrl().get()).isEqualTo("https://api.talkdeskapp.eu");
                    assertThat(connection.tokenUrl().get()).isEqualTo("https://acme.talkdeskid.eu/oauth/token");
                    assertThat(connection.toString()).doesNotContain("very-secret");
                    assertThat(context).hasSingleBean(TalkdeskCallbackService.class);
                });
    }

    @Test
    void shouldUseCanadianHostsForRegionCa() {
        runner.withPropertyValues("talkdesk.region=CA", "talkdesk.account=acme", "talkdesk.auth.client-id=id",
                "talkdesk.auth.client-secret=s").run(context -> {
                    TalkdeskConnection connection = context.getBean(TalkdeskConnection.class);
                    assertThat(connection.apiBaseUrl().get()).isEqualTo("https://api.talkdeskappca.com");
                    assertThat(connection.tokenUrl().get()).isEqualTo("https://acme.talkdeskidca.com/oauth/token");
                });
    }

    @Test
    void shouldPreferExplicitUrlsOverRegionPresets() {
        runner.withPropertyValues("talkdesk.api.base-url=http://localhost:9999/td",
                "talkdesk.auth.token-url=http://localhost:9999/oauth/token", "talkdesk.auth.client-id=id",
                "talkdesk.auth.client-secret=s").run(context -> {
                    TalkdeskConnection connection = context.getBean(TalkdeskConnection.class);
                    assertThat(connection.apiBaseUrl().get()).isEqualTo("http://localhost:9999/td");
                    assertThat(connection.tokenUrl().get()).isEqualTo("http://localhost:9999/oauth/token");
                });
    }

    @Test
    void shouldNameTokenUrlAndAccountWhenNeitherIsSet() {
        runner.withPropertyValues("talkdesk.auth.client-id=id", "talkdesk.auth.client-secret=s").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("talkdesk.auth.token-url is not set and talkdesk.account"));
    }

    @Test
    void shouldUseTheSandboxOnlyWhenSwitchedOn() {
        runner.withPropertyValues("talkdesk.sandbox.enabled=true", "local.server.port=8181").run(context -> {
            TalkdeskConnection connection = context.getBean(TalkdeskConnection.class);
            assertThat(connection.apiBaseUrl().get()).isEqualTo("http://127.0.0.1:8181/talkdesk-sandbox");
            assertThat(connection.tokenUrl().get())
                    .isEqualTo("http://127.0.0.1:8181/talkdesk-sandbox/oauth/token");
        });
    }

    @Test
    void shouldRejectAReadTimeoutThatIsNotPositive() {
        // one above half the engine's job lock time is refused when the engine starts (EngineSettingsTest)
        configured.withPropertyValues("talkdesk.api.read-timeout=0s").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("talkdesk.api.read-timeout must be positive"));
    }

    @Test
    void shouldNameEveryBadCallbackDefault() {
        configured.withPropertyValues("talkdesk.callbacks.default-caller-id=12", "talkdesk.api.page-size=900")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("talkdesk.callbacks.default-caller-id")
                        .hasMessageContaining("talkdesk.api.page-size"));
    }

    @Test
    void shouldStayOffWhenDisabled() {
        runner.withPropertyValues("talkdesk.enabled=false", "talkdesk.sandbox.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TalkdeskCallbackService.class));
    }

    @Test
    void shouldLockInTheJvmOnAnEmbeddedH2ThatNoOtherNodeCanOpen() {
        configured.run(context -> {
            assertThat(context.getBean(PhoneNumberLock.class)).isInstanceOf(JvmLocks.class);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = 'TDCB_LOCK'",
                    Integer.class)).as("no lock table on the embedded default").isZero();
        });
    }

    @Test
    void shouldCreateTheLockTableAndLockInTheEnginesDatabase() {
        configured.withPropertyValues("talkdesk.locks.scope=database").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PhoneNumberLock.class)).isInstanceOf(DatabaseLocks.class);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                    .queryForObject("SELECT COUNT(*) FROM tdcb_lock", Integer.class)).isZero();
        });
    }

    @Test
    void shouldRunWithoutTheLocksOnlyWhenSwitchedOff() {
        configured.withPropertyValues("talkdesk.locks.enabled=false")
                .run(context -> {
                    assertThat(context.getBean(PhoneNumberLock.class)).isSameAs(ClusterLocks.NONE);
                    assertThat(context.getBean(TicketLock.class)).isSameAs(ClusterLocks.NONE);
                });
    }
}
