package io.followup.callbacks.talkdesk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A scheduled callback as Talkdesk returns it (list, create and update answers). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallbackResource(String callbackId, String phoneNumber, String status, Instant scheduledTimeToCall,
        String timezone, String callerId, String interactionId, String notes, String assignType,
        List<AgentRef> agents, List<RingGroupRef> ringGroups) {

    /** Statuses in which Talkdesk will still place the call. */
    public static final Set<String> ACTIVE_STATUSES = Set.of("UNATTEMPTED", "TO_BE_RETRIED");

    /** Statuses after which Talkdesk does nothing more with the callback. */
    public static final Set<String> FINAL_STATUSES = Set.of("SUCCESS", "EXHAUSTED", "CANCELED", "INVALID_NUMBER");

    /** True for {@code UNATTEMPTED} and {@code TO_BE_RETRIED}; unknown statuses are not active. */
    public boolean isActive() {
        return status != null && ACTIVE_STATUSES.contains(status);
    }
}
