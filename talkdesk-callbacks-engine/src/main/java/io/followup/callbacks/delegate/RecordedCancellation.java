package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CANCELLATION_REQUESTED;

import io.followup.callbacks.cluster.FollowUpLock;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A cancellation recorded on the follow-up ({@code cancellationRequested}) while one of its jobs ran, read afresh
 * from the database under the follow-up's {@link FollowUpLock}, which the command that records it holds too: a
 * cancellation recorded before this point is seen here, one that comes later finds the follow-up waiting and cancels
 * at once. The job read its variables when it started, so a record that came meanwhile is handed to the model's
 * gateways in this transaction as a transient variable.
 */
final class RecordedCancellation {

    private RecordedCancellation() {
    }

    /** Whether a cancellation of this follow-up was recorded, after taking the follow-up's lock. */
    static boolean read(DelegateExecution execution, FollowUpLock lock) {
        lock.lockFollowUp(execution.getProcessInstanceId());
        if (Boolean.TRUE.equals(execution.getVariable(CANCELLATION_REQUESTED))) {
            return true;
        }
        boolean recorded = recordedInDatabase(execution);
        if (recorded && !execution.hasVariable(CANCELLATION_REQUESTED)) {
            execution.getProcessInstance().setVariable(CANCELLATION_REQUESTED, Variables.booleanValue(true, true));
        }
        return recorded;
    }

    /**
     * Whether the database holds {@code cancellationRequested = true} for the follow-up: one count on the variable
     * table (a boolean {@code true} is stored as type {@code boolean} with {@code LONG_} 1). A count rather than a
     * {@code VariableInstanceQuery}, whose SQL costs more to build than to run (docs/performance.md, tuning log).
     */
    private static boolean recordedInDatabase(DelegateExecution execution) {
        return NativeCount.of(execution, "SELECT COUNT(*) FROM " + NativeCount.table("ACT_RU_VARIABLE") + " V WHERE "
                + "V.PROC_INST_ID_ = #{instance} AND V.NAME_ = #{name} AND V.TYPE_ = 'boolean' AND V.LONG_ = 1",
                Map.of("instance", execution.getProcessInstanceId(), "name", CANCELLATION_REQUESTED)) > 0;
    }
}
