package io.followup.callbacks.talkdesk.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** Body of {@code POST /schedule-callbacks}. Absent optional fields are left out of the JSON. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewCallback(String phoneNumber, Instant scheduledTimeToCall, String timezone, String assignType,
        List<AgentRef> agents, List<RingGroupRef> ringGroups, String callerId, String dialingModel,
        String interactionId, String notes) {

    /** The only dialing model the API accepts for these callbacks. */
    public static final String PREVIEW = "PREVIEW";
}
