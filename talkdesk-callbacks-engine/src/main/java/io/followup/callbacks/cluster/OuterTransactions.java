package io.followup.callbacks.cluster;

/**
 * Transactions that run outside an engine command, such as Spring's; the Spring Boot module registers one in
 * {@code META-INF/services}. The plugin itself needs none: without one, {@link TransactionEnd} uses the engine's.
 */
public interface OuterTransactions {

    /** Whether such a transaction is active on this thread. */
    boolean active();

    /** Runs {@code atEnd} once the active transaction has committed or rolled back. */
    void register(Runnable atEnd);
}
