package io.followup.callbacks.request;

import io.followup.callbacks.talkdesk.PhoneMask;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A normalised, valid callback request: numbers in E.164, the time as a UTC instant, the customer's IANA zone, the
 * assignment with at least one assignee. {@code interactionId} and {@code notes} may be null.
 */
public record CallbackRequest(String ticketId, String phoneNumber, Instant scheduledTime, ZoneId timezone,
        AssignType assignType, List<String> assignees, String callerId, String interactionId, String notes) {

    public CallbackRequest {
        assignees = List.copyOf(assignees);
    }

    @Override
    public String toString() {
        return "CallbackRequest[ticketId=" + ticketId + ", phoneNumber=" + PhoneMask.mask(phoneNumber)
                + ", scheduledTime=" + scheduledTime + ", timezone=" + timezone + ", assignType=" + assignType
                + ", assignees=" + assignees + "]";
    }
}
