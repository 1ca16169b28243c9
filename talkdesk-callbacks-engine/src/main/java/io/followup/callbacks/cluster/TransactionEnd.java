package io.followup.callbacks.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * The end of the caller's transaction: an {@link OuterTransactions outer one} when one is active (Spring's in a
 * Spring Boot engine or the webhook), else the engine command's (engines without Spring).
 */
public final class TransactionEnd {

    private static final List<OuterTransactions> OUTER = load();

    private TransactionEnd() {
    }

    /** Whether a transaction other than an engine command's is active on this thread. */
    public static boolean inOuterTransaction() {
        return outer() != null;
    }

    /** Whether there is a transaction whose end {@link #register} can wait for. */
    public static boolean available() {
        return inOuterTransaction() || Context.getCommandContext() != null;
    }

    /** Runs {@code atEnd} once the current transaction has committed or rolled back. */
    public static void register(Runnable atEnd) {
        OuterTransactions outer = outer();
        if (outer != null) {
            outer.register(atEnd);
            return;
        }
        CommandContext command = Context.getCommandContext();
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, context -> atEnd.run());
        command.getTransactionContext().addTransactionListener(TransactionState.ROLLED_BACK, context -> atEnd.run());
    }

    private static OuterTransactions outer() {
        for (OuterTransactions transactions : OUTER) {
            if (transactions.active()) {
                return transactions;
            }
        }
        return null;
    }

    private static List<OuterTransactions> load() {
        List<OuterTransactions> found = new ArrayList<>();
        var providers = ServiceLoader.load(OuterTransactions.class, TransactionEnd.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return List.copyOf(found);
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // a provider whose framework is not on this classpath: that kind of transaction cannot be active here
            }
        }
    }
}
