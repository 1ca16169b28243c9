package io.followup.callbacks.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;

/** Installs {@link RetryAfterFailedJobCommandFactory} around the engine's failed-job handling. */
public class RetryAfterEnginePlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory current = configuration.getFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory(new RetryAfterFailedJobCommandFactory(
                current == null ? new DefaultFailedJobCommandFactory() : current));
    }
}
