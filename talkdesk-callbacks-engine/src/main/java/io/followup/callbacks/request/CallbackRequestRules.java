package io.followup.callbacks.request;

import java.time.Duration;
import java.util.List;

/** Defaults and rules from configuration applied to every request. */
public record CallbackRequestRules(String defaultCallerId, AssignType defaultAssignType, List<String> defaultAssignees,
        String defaultPhoneRegion, Duration minimumLeadTime, int notesMaxLength) {

    public CallbackRequestRules {
        defaultAssignees = defaultAssignees == null ? List.of() : List.copyOf(defaultAssignees);
    }
}
