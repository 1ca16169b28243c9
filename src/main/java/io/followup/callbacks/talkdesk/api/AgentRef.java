package io.followup.callbacks.talkdesk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"agent_id": "…"}} in a create body and in callback answers. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentRef(@JsonProperty("agent_id") String agentId) {
}
