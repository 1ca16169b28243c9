package io.followup.callbacks.request;

/**
 * Marks a callback's notes with the ticket it was booked for and the booking attempt that sent it, such as
 * {@code [ticket:T-123 #5f0c2a9e] Invoice question}: a follow-up prefers its ticket's callbacks, and a retry whose
 * earlier answer was lost recognises the callback that very attempt created (and no other) by the attempt's
 * reference.
 */
public final class TicketReference {

    private TicketReference() {
    }

    /** {@code [ticket:<ticketId>]}, the mark of callbacks booked before attempts carried a reference. */
    public static String tag(String ticketId) {
        return "[ticket:" + ticketId + "]";
    }

    /** {@code [ticket:<ticketId> #<attempt>]}, or {@link #tag} without an attempt. */
    public static String tag(String ticketId, String attempt) {
        return attempt == null || attempt.isBlank() ? tag(ticketId) : "[ticket:" + ticketId + " #" + attempt + "]";
    }

    /** {@link #mark(String, String, String, int)} without an attempt reference. */
    public static String mark(String notes, String ticketId, int maxLength) {
        return mark(notes, ticketId, null, maxLength);
    }

    /** The tag, a space and {@code notes}, cut to {@code maxLength} (the notes are cut, never the tag). */
    public static String mark(String notes, String ticketId, String attempt, int maxLength) {
        String tag = tag(ticketId, attempt);
        if (notes == null || notes.isBlank()) {
            return tag;
        }
        String marked = tag + " " + notes.strip();
        return marked.length() <= maxLength ? marked : marked.substring(0, Math.max(tag.length(), maxLength));
    }

    /** Whether {@code notes} carry the tag of {@code ticketId}, with or without an attempt reference. */
    public static boolean isMarkedFor(String notes, String ticketId) {
        return notes != null && ticketId != null
                && (notes.contains(tag(ticketId)) || notes.contains("[ticket:" + ticketId + " #"));
    }

    /** Whether {@code notes} carry the tag of {@code ticketId} with the reference of booking attempt {@code attempt}. */
    public static boolean isMarkedFor(String notes, String ticketId, String attempt) {
        return notes != null && ticketId != null && attempt != null && !attempt.isBlank()
                && notes.contains(tag(ticketId, attempt));
    }
}
