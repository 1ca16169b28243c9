package io.followup.callbacks.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine work without the current caller's engine authentication, so the engine's authorization checks do not
 * apply, and puts the caller back afterwards. For work whose caller the plugin has already judged by its own rules
 * (the webhook's allowed groups, the Cockpit tab's READ/UPDATE check).
 */
public final class WithoutCaller {

    private WithoutCaller() {
    }

    public static <T> T run(IdentityService identity, Supplier<T> work) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }
}
