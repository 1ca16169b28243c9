package io.followup.callbacks.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;

/** Installs {@link RetryAfterFailedJobCommandFactory} around the engine's failed-job handling. */
public class RetryAfterEnginePlugin extends AbstractProcessEnginePlugin {

    private final MeterRegistry registry;

    /** Counts failed jobs in Micrometer's global registry. */
    public RetryAfterEnginePlugin() {
        this(Metrics.globalRegistry);
    }

    public RetryAfterEnginePlugin(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory current = configuration.getFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory(new RetryAfterFailedJobCommandFactory(
                current == null ? new DefaultFailedJobCommandFactory() : current, registry));
    }
}
