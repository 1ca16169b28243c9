package io.followup.callbacks.cockpit;

import io.followup.callbacks.request.PhoneNumbers;
import io.followup.callbacks.talkdesk.JobDeadline;
import io.followup.callbacks.talkdesk.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import io.followup.callbacks.talkdesk.error.TalkdeskConfigurationException;
import io.followup.callbacks.talkdesk.error.TalkdeskException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback as Talkdesk lists it now, for the Cockpit tab: read through the plugin's client (the list endpoint by
 * number, every page, matched by callback id, within {@link #BUDGET}) at most once per {@link #FRESH_FOR} per
 * follow-up, so an open tab, a refreshing operator or several of them cannot drain the API budget. Failures are kept as long as answers are, in
 * words an operator reads ("Talkdesk not reachable (HTTP 503 at 10:42 UTC)"), never as a stack trace.
 */
final class LiveCallbackLookup {

    /** How long an answer (or a failure) is shown before Talkdesk is asked again. */
    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    /** How long one look may take, every page and wait included, before the tab says Talkdesk did not answer. */
    static final Duration BUDGET = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(LiveCallbackLookup.class);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_SLOTS = 1_000;
    private static final Map<TalkdeskCallbackService, LiveCallbackLookup> PER_CLIENT =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    private LiveCallbackLookup() {
    }

    /**
     * The one cache of a client: every request of the tab to an engine shares it (held only as long as the client
     * lives, so the cache does not keep the client itself).
     */
    static LiveCallbackLookup of(TalkdeskCallbackService talkdesk) {
        return PER_CLIENT.computeIfAbsent(talkdesk, client -> new LiveCallbackLookup());
    }

    /**
     * What Talkdesk said about a callback, when, and whether from the cache; empty when it no longer lists it; a
     * sentence instead when it could not be asked.
     */
    record Live(Optional<CallbackResource> callback, Instant fetchedAt, String failure, boolean cached) {

        boolean failed() {
            return failure != null;
        }
    }

    private static final class Slot {
        private String key;
        private Live live;
    }

    /**
     * What Talkdesk says about callback {@code callbackId} of {@code phoneNumber}, asked through {@code talkdesk} at
     * most once per {@link #FRESH_FOR} for a follow-up. {@code storedState} (the follow-up's own status and time) is
     * part of the cache key, so a change the follow-up made is looked at again at once.
     */
    Live lookup(TalkdeskCallbackService talkdesk, Clock clock, String processInstanceId, String phoneNumber,
            String callbackId, String storedState) {
        Slot slot = slots.computeIfAbsent(processInstanceId, id -> new Slot());
        String key = phoneNumber + "|" + callbackId + "|" + storedState;
        synchronized (slot) {
            Instant now = clock.instant();
            if (slot.live != null && Objects.equals(slot.key, key) && now.isBefore(slot.live.fetchedAt()
                    .plus(FRESH_FOR))) {
                return new Live(slot.live.callback(), slot.live.fetchedAt(), slot.live.failure(), true);
            }
            slot.key = key;
            slot.live = fetch(talkdesk, phoneNumber, callbackId, now);
            prune(now);
            return slot.live;
        }
    }

    /** Forgets what was read for a follow-up, after an action on it. */
    void forget(String processInstanceId) {
        slots.remove(processInstanceId);
    }

    private static Live fetch(TalkdeskCallbackService talkdesk, String phoneNumber, String callbackId, Instant now) {
        try {
            return new Live(JobDeadline.within(BUDGET, () -> talkdesk.findById(phoneNumber, callbackId)), now, null,
                    false);
        } catch (CallbackRejectedException e) {
            return failed(callbackId, phoneNumber, "Talkdesk refused the lookup (HTTP " + e.httpStatus(), now, e);
        } catch (TalkdeskConfigurationException e) {
            return failed(callbackId, phoneNumber, "Talkdesk refused our credentials (HTTP " + e.httpStatus(), now,
                    e);
        } catch (TalkdeskException e) {
            String answer = e.httpStatus() > 0 ? "HTTP " + e.httpStatus() : "no answer";
            return failed(callbackId, phoneNumber, "Talkdesk not reachable (" + answer, now, e);
        } catch (RuntimeException e) {
            return failed(callbackId, phoneNumber, "Talkdesk not reachable (" + e.getClass().getSimpleName(), now,
                    e);
        }
    }

    private static Live failed(String callbackId, String phoneNumber, String what, Instant now, RuntimeException e) {
        LOG.warn("TDCB-C100 live status of callback {} for {} could not be read: {}", callbackId,
                PhoneNumbers.mask(phoneNumber), PhoneNumbers.maskAll(e.getMessage()));
        return new Live(Optional.empty(), now, what + " at " + CLOCK_TIME.format(now) + " UTC)", false);
    }

    private void prune(Instant now) {
        if (slots.size() > MAX_SLOTS) {
            slots.values().removeIf(slot -> slot.live == null || !now.isBefore(slot.live.fetchedAt()
                    .plus(FRESH_FOR)));
        }
    }
}
