package io.followup.callbacks.talkdesk.api;

/**
 * One JSON Patch operation of {@code PATCH /schedule-callbacks/{id}}. Paths are camelCase, as Talkdesk expects.
 */
public record PatchOperation(String op, String path, Object value) {

    public static final String TIME_TO_CALL = "/timeToCall";
    public static final String PHONE_NUMBER = "/phoneNumber";
    public static final String TIMEZONE = "/timezone";
    public static final String ASSIGN_TYPE = "/assignType";
    public static final String AGENTS = "/agents";
    public static final String RING_GROUPS = "/ringGroups";
    public static final String CALLER_ID = "/callerId";
    public static final String NOTES = "/notes";

    /** A {@code replace} of {@code path} with {@code value}. */
    public static PatchOperation replace(String path, Object value) {
        return new PatchOperation("replace", path, value);
    }
}
