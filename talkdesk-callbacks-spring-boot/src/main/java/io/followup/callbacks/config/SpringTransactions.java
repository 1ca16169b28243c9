package io.followup.callbacks.config;

import io.followup.callbacks.cluster.OuterTransactions;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Spring-managed transactions, for the per-number locks: registered in {@code META-INF/services}. */
public final class SpringTransactions implements OuterTransactions {

    @Override
    public boolean active() {
        return TransactionSynchronizationManager.isActualTransactionActive();
    }

    @Override
    public void register(Runnable atEnd) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                atEnd.run();
            }
        });
    }
}
