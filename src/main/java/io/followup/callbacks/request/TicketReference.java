package io.followup.callbacks.request;

/**
 * Marks a callback's notes with the ticket it was booked for, such as {@code [ticket:T-123] Invoice question}, so a
 * retry whose earlier answer was lost recognises its own booking instead of adding a second one.
 */
public final class TicketReference {

    private TicketReference() {
    }

    /** {@code [ticket:<ticketId>]}. */
    public static String tag(String ticketId) {
        return "[ticket:" + ticketId + "]";
    }

    /** The tag, a space and {@code notes}, cut to {@code maxLength} (the notes are cut, never the tag). */
    public static String mark(String notes, String ticketId, int maxLength) {
        String tag = tag(ticketId);
        if (notes == null || notes.isBlank()) {
            return tag;
        }
        String marked = tag + " " + notes.strip();
        return marked.length() <= maxLength ? marked : marked.substring(0, Math.max(tag.length(), maxLength));
    }

    /** Whether {@code notes} carry the tag of {@code ticketId}. */
    public static boolean isMarkedFor(String notes, String ticketId) {
        return notes != null && ticketId != null && notes.contains(tag(ticketId));
    }
}
