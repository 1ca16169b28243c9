package io.followup.callbacks.talkdesk.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code {"agent_id": "…"}} in a create body and in callback answers. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentRef(@JsonProperty("agent_id") String agentId) {

    /** Reads a plain id too ({@code ["agent-1"]}): the contract leaves the answer's shape open. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AgentRef of(String agentId) {
        return new AgentRef(agentId);
    }
}
