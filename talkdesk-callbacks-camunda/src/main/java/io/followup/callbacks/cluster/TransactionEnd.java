package io.followup.callbacks.cluster;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The end of the caller's transaction: Spring's when one is active (Spring Boot engines, the webhook), else the
 * engine command's (engines without Spring). Spring's classes are only touched when they are on the classpath.
 */
public final class TransactionEnd {

    private static final boolean SPRING =
            isPresent("org.springframework.transaction.support.TransactionSynchronizationManager");

    private TransactionEnd() {
    }

    /** Whether a Spring-managed transaction is active on this thread. */
    static boolean inSpringTransaction() {
        return SPRING && Spring.active();
    }

    /** Whether there is a transaction whose end {@link #register} can wait for. */
    public static boolean available() {
        return inSpringTransaction() || Context.getCommandContext() != null;
    }

    /** Runs {@code atEnd} once the current transaction has committed or rolled back. */
    public static void register(Runnable atEnd) {
        if (inSpringTransaction()) {
            Spring.register(atEnd);
            return;
        }
        CommandContext command = Context.getCommandContext();
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, context -> atEnd.run());
        command.getTransactionContext().addTransactionListener(TransactionState.ROLLED_BACK, context -> atEnd.run());
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, TransactionEnd.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so that the JVM loads Spring's classes only where Spring is present. */
    private static final class Spring {

        static boolean active() {
            return TransactionSynchronizationManager.isActualTransactionActive();
        }

        static void register(Runnable atEnd) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    atEnd.run();
                }
            });
        }
    }
}
