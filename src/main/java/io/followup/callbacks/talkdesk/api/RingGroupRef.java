package io.followup.callbacks.talkdesk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"ring_group": "…"}} in a create body and in callback answers. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RingGroupRef(@JsonProperty("ring_group") String ringGroup) {
}
