package io.followup.callbacks.delegate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.TicketReference;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a booking whose answer never came left behind, kept on the follow-up ({@code callbackBookingAttempt}) by the
 * engine's failed-job handling, which commits even though the job's own transaction rolls back: when it was sent,
 * which callbacks the number already had, and the attempt's own {@code reference}, sent in the callback's notes
 * ({@code [ticket:T-1 #reference]}). It is left only where Talkdesk may have acted (no answer after the request was
 * sent), never after an answer such as 5xx or 429, a refused connection or a token failure. The retry adopts an
 * active callback the number did not have before that carries the reference or was booked for the requested time and
 * caller ID (an agent may have replaced the notes), and a callback already called only when it carries the
 * reference: an earlier follow-up's callback of the same ticket is never taken for this one's.
 */
public record BookingAttempt(Instant sentAt, Set<String> knownIds, String reference) {

    /** The process variable, as JSON text. */
    public static final String VARIABLE = "callbackBookingAttempt";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final SecureRandom RANDOM = new SecureRandom();

    public BookingAttempt {
        knownIds = Set.copyOf(knownIds);
    }

    /** An attempt about to be sent, while the number has {@code existing} callbacks, with a fresh reference. */
    static BookingAttempt before(Instant now, Collection<CallbackResource> existing) {
        return new BookingAttempt(now, existing.stream().map(CallbackResource::callbackId).filter(Objects::nonNull)
                .collect(Collectors.toSet()), HexFormat.of().toHexDigits(RANDOM.nextInt()));
    }

    /**
     * The callback among {@code callbacks} this attempt created, if any: one the number did not have before that
     * carries this attempt's reference, or, while still active, was booked for the requested time and caller ID.
     */
    Optional<CallbackResource> createdAmong(List<CallbackResource> callbacks, CallbackRequest request) {
        return callbacks.stream()
                .filter(c -> c.callbackId() != null && !knownIds.contains(c.callbackId()))
                .filter(c -> c.phoneNumber() == null || request.phoneNumber().equals(c.phoneNumber()))
                .filter(c -> TicketReference.isMarkedFor(c.notes(), request.ticketId(), reference)
                        || c.isActive() && bookedAsRequested(c, request))
                .findFirst();
    }

    private static boolean bookedAsRequested(CallbackResource callback, CallbackRequest request) {
        return callback.scheduledTimeToCall() != null && request.scheduledTime().truncatedTo(ChronoUnit.SECONDS)
                .equals(callback.scheduledTimeToCall().truncatedTo(ChronoUnit.SECONDS))
                && (callback.callerId() == null || request.callerId().equals(callback.callerId()));
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("TDCB-D130 cannot write the booking attempt", e);
        }
    }

    static Optional<BookingAttempt> read(Object variable) {
        if (!(variable instanceof String json) || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, BookingAttempt.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
