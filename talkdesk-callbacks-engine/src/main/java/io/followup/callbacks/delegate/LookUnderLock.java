package io.followup.callbacks.delegate;

import io.followup.callbacks.cluster.TransactionEnd;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * The active callbacks <em>Find active callback</em> saw on a number while holding the number's lock, handed to
 * <em>Schedule callback</em> or <em>Update callback</em> when they run in the same transaction, that is in the same
 * job (the shipped model: neither of them is asynchronous). The lock is held from that look until the transaction
 * ends, so the look is still true when the booking is sent: one look per booking instead of two (3 Talkdesk calls
 * for a new booking instead of 5). A step in a job of its own (an asynchronous Schedule in a user's model, a retry)
 * finds nothing here and looks again under its own lock.
 *
 * <p>Kept per thread and bound to the engine command it was made in (checked by identity), forgotten when the
 * transaction ends.
 */
final class LookUnderLock {

    private static final ThreadLocal<Look> LOOKS = new ThreadLocal<>();

    private record Look(Object command, String processInstanceId, String phoneNumber, List<CallbackResource> active) {
    }

    private LookUnderLock() {
    }

    /** Records what was seen on {@code phoneNumber} under its lock, for the rest of this transaction. */
    static void remember(DelegateExecution execution, String phoneNumber, List<CallbackResource> active) {
        Object command = Context.getCommandContext();
        if (command == null || !TransactionEnd.available()) {
            return;
        }
        LOOKS.set(new Look(command, execution.getProcessInstanceId(), phoneNumber, List.copyOf(active)));
        TransactionEnd.register(LOOKS::remove);
    }

    /** What this follow-up's transaction already saw on {@code phoneNumber} under the lock it still holds. */
    static Optional<List<CallbackResource>> recall(DelegateExecution execution, String phoneNumber) {
        Look look = LOOKS.get();
        if (look == null || look.command() != Context.getCommandContext()
                || !look.processInstanceId().equals(execution.getProcessInstanceId())
                || !look.phoneNumber().equals(phoneNumber)) {
            return Optional.empty();
        }
        return Optional.of(look.active());
    }

    /** Drops the look: Talkdesk answered something it did not foresee (a callback it listed is gone). */
    static void forget() {
        LOOKS.remove();
    }
}
