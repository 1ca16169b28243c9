package io.followup.callbacks.delegate;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.NativeExecutionQuery;

/**
 * One {@code SELECT COUNT(*)} on the engine's tables in the current command, for the checks on a hot path (the
 * one-follow-up-per-ticket guard, a cancellation recorded while a booking ran): a native query costs less to build
 * than the engine's query builders' SQL, and authorizations never filter it, so it counts what the current user may
 * not read too.
 */
public final class NativeCount {

    private NativeCount() {
    }

    /**
     * {@code table} with the engine's table prefix; not {@code ManagementService.getTableName}, which asks the
     * current user for READ on System.
     */
    public static String table(String table) {
        return Context.getProcessEngineConfiguration().getDatabaseTablePrefix() + table;
    }

    /** The count {@code sql} returns with {@code parameters} ({@code #{name}} in the text). */
    public static long of(DelegateExecution execution, String sql, Map<String, Object> parameters) {
        NativeExecutionQuery query = execution.getProcessEngineServices().getRuntimeService()
                .createNativeExecutionQuery().sql(sql);
        parameters.forEach(query::parameter);
        return query.count();
    }
}
