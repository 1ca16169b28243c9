package io.followup.callbacks.request;

/**
 * Raw, untyped inputs as read from process variables or a webhook body; any may be null. {@code assignees} may be a
 * collection of strings, a JSON array string or a comma-separated string.
 */
public record RawCallbackRequest(String ticketId, String phoneNumber, String phoneRegion, String callbackTime,
        String timezone, String assignType, Object assignees, String callerId, String interactionId, String notes) {
}
