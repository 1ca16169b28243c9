package io.followup.callbacks.talkdesk.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"ring_group": "…"}} in a create body and in callback answers. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RingGroupRef(@JsonProperty("ring_group") String ringGroup) {

    /** Reads a plain id too ({@code ["support-tier-1"]}): the contract leaves the answer's shape open. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RingGroupRef of(String ringGroup) {
        return new RingGroupRef(ringGroup);
    }
}
