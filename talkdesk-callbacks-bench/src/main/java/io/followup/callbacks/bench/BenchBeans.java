package io.followup.callbacks.bench;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.ACTIVE_CALLBACK_FOUND;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_CHECK_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_SCHEDULED_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_STATUS;

import io.followup.callbacks.process.SupportFollowUpProcess.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.connect.plugin.impl.ConnectProcessEnginePlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the benchmark adds to the app: no-op stand-ins for the Talkdesk-calling delegates (the engine's ceiling),
 * and, for the http-connector variant, Camunda Connect and the credentials its model sends.
 */
@Configuration(proxyBeanMethods = false)
public class BenchBeans {

    /** Stand-in for "Find active callback": finds nothing, calls nobody, writes the same two outputs. */
    @Bean("benchNoopFindActive")
    public JavaDelegate benchNoopFindActive() {
        return execution -> {
            execution.setVariable(ACTIVE_CALLBACK_FOUND, false);
            execution.setVariable(CALLBACK_ID, null);
        };
    }

    /** Stand-in for "Schedule callback" and "Update callback": writes the same outputs, calls nobody. */
    @Bean("benchNoopBook")
    public JavaDelegate benchNoopBook() {
        return execution -> {
            Instant time = Instant.now().plus(Duration.ofDays(2));
            execution.setVariable(CALLBACK_ID, UUID.randomUUID().toString());
            execution.setVariable(CALLBACK_STATUS, Status.SCHEDULED);
            execution.setVariable(CALLBACK_SCHEDULED_TIME, time.toString());
            execution.setVariable(CALLBACK_CHECK_TIME, time.plus(Duration.ofHours(2)).toString());
        };
    }

    /** Tells the benchmark how many follow-ups are booked without querying the history. */
    @Bean
    public BenchBookedCounter benchBookedCounter() {
        return new BenchBookedCounter();
    }

    /** Camunda Connect (http-connector), only for the variant built with it. */
    @Bean
    @ConditionalOnProperty(name = "bench.variant", havingValue = "http")
    public ProcessEnginePlugin connectProcessEnginePlugin() {
        return new ConnectProcessEnginePlugin();
    }

    /** The emulation's client credentials as a Basic header, for the http-connector model's token call. */
    @Bean("benchTalkdesk")
    public BenchTalkdesk benchTalkdesk(org.springframework.core.env.Environment environment) {
        String credentials = environment.getProperty("talkdesk.auth.client-id") + ":"
                + environment.getProperty("talkdesk.auth.client-secret");
        return new BenchTalkdesk("Basic " + Base64.getEncoder().encodeToString(
                credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** Read by the http-connector model's expressions. */
    public record BenchTalkdesk(String basicAuth) {
        public String getBasicAuth() {
            return basicAuth;
        }
    }
}
