package io.followup.callbacks.request;

/**
 * Raw, untyped inputs as read from process variables or a webhook body; any may be null. {@code assignees} may be a
 * collection of strings, a JSON array string or a comma-separated string.
 */
public record RawCallbackRequest(String ticketId, String phoneNumber, String phoneRegion, String callbackTime,
        String timezone, String assignType, Object assignees, String callerId, String interactionId, String notes,
        WindowInputs windows) {

    public RawCallbackRequest {
        windows = windows == null ? WindowInputs.NONE : windows;
    }

    /** Without per-request window settings: the configured ones apply. */
    public RawCallbackRequest(String ticketId, String phoneNumber, String phoneRegion, String callbackTime,
            String timezone, String assignType, Object assignees, String callerId, String interactionId,
            String notes) {
        this(ticketId, phoneNumber, phoneRegion, callbackTime, timezone, assignType, assignees, callerId,
                interactionId, notes, WindowInputs.NONE);
    }

    /**
     * A request's own calling window: {@code callingWindow} (NONE, US_TCPA, UK_OFCOM, CUSTOM), {@code callingHours}
     * (the hours of CUSTOM, such as {@code MON-FRI 09:00-20:00}) and {@code outsideWindow} (NEXT_SLOT or REVIEW);
     * each null to keep {@code talkdesk.windows.*}.
     */
    public record WindowInputs(String callingWindow, String callingHours, String outsideWindow) {

        public static final WindowInputs NONE = new WindowInputs(null, null, null);
    }
}
