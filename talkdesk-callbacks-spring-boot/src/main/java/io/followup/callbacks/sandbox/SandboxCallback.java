package io.followup.callbacks.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One callback held by the sandbox. Mutable; the store guards it. */
final class SandboxCallback {

    static final List<String> ACTIVE = List.of("UNATTEMPTED", "TO_BE_RETRIED");
    static final List<String> STATUSES = List.of("UNATTEMPTED", "TO_BE_RETRIED", "SUCCESS", "EXHAUSTED",
            "CANCELED", "INVALID_NUMBER");

    final String id;
    final Instant createdAt;
    String phoneNumber;
    Instant timeToCall;
    String timezone;
    String assignType;
    List<String> agents = List.of();
    List<String> ringGroups = List.of();
    String callerId;
    String interactionId;
    String notes;
    String status = "UNATTEMPTED";

    SandboxCallback(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    boolean isActive() {
        return ACTIVE.contains(status);
    }

    SandboxCallback copy() {
        SandboxCallback copy = new SandboxCallback(id, createdAt);
        copy.phoneNumber = phoneNumber;
        copy.timeToCall = timeToCall;
        copy.timezone = timezone;
        copy.assignType = assignType;
        copy.agents = agents;
        copy.ringGroups = ringGroups;
        copy.callerId = callerId;
        copy.interactionId = interactionId;
        copy.notes = notes;
        copy.status = status;
        return copy;
    }

    /** The callback in Talkdesk's JSON shape. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("callback_id", id);
        json.put("phone_number", phoneNumber);
        json.put("status", status);
        json.put("scheduled_time_to_call", timeToCall == null ? null : timeToCall.toString());
        json.put("timezone", timezone);
        json.put("caller_id", callerId);
        json.put("interaction_id", interactionId);
        json.put("notes", notes);
        json.put("assign_type", assignType);
        json.put("agents", agents.stream().map(a -> Map.of("agent_id", a)).toList());
        json.put("ring_groups", ringGroups.stream().map(r -> Map.of("ring_group", r)).toList());
        json.put("dialing_model", "PREVIEW");
        json.put("origin", "API");
        json.put("created_at", createdAt.toString());
        return json;
    }
}
