package io.followup.callbacks.bench;

import io.followup.callbacks.process.SupportFollowUpProcess.Elements;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Counts follow-ups that reached "Wait for the callback" (committed), so the benchmark knows when a run is done
 * without querying the history table over and over, which would cost the engine CPU while it is being measured.
 */
public class BenchBookedCounter extends AbstractProcessEnginePlugin {

    private final AtomicLong booked = new AtomicLong();

    /** Follow-ups booked so far. */
    public long booked() {
        return booked.get();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (Elements.GATEWAY_AWAIT_CALLBACK.equals(activity.getId())) {
                    activity.addListener(ExecutionListener.EVENTNAME_START, execution -> Context.getCommandContext()
                            .getTransactionContext()
                            .addTransactionListener(TransactionState.COMMITTED, context -> booked.incrementAndGet()));
                }
            }
        });
    }
}
