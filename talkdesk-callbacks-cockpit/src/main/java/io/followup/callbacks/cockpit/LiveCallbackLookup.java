package io.followup.callbacks.cockpit;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.JobDeadline;
import io.followup.callbacks.talkdesk.PhoneMask;
import io.followup.callbacks.talkdesk.RequestRateLimiter;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback as Talkdesk lists it now, for the Cockpit tab: read through the plugin's client (the list endpoint by
 * number, every page, matched by callback id, within {@link #BUDGET}) at most once per {@link #FRESH_FOR} per
 * follow-up, so an open tab, a refreshing operator or several of them cannot drain the API budget: one read in flight
 * per follow-up, which every viewer waiting meanwhile shares (for at most as long as a read may take), an answer kept
 * from when it came, and at most {@link #READS_PER_SECOND} reads started per second on the node. Failures are kept as
 * long as answers are, in words an operator reads ("Talkdesk not reachable (HTTP 503 at 10:42 UTC)"), never as a
 * stack trace.
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
        private String askingKey;
        private CompletableFuture<Live> asking;
    }

    /**
     * How many Talkdesk reads per second the tab may start on this node, whatever the number of viewers: its own
     * small share, so the tab never takes the slots the follow-ups' bookings need.
     */
    static final double READS_PER_SECOND = 2;

    private final RequestRateLimiter share = new RequestRateLimiter(READS_PER_SECOND);

    /**
     * What Talkdesk says about callback {@code callbackId} of {@code phoneNumber}, asked through {@code talkdesk} at
     * most once per {@link #FRESH_FOR} for a follow-up. {@code storedState} (the follow-up's own status and time) is
     * part of the cache key, so a change the follow-up made is looked at again at once.
     */
    Live lookup(TalkdeskCallbackService talkdesk, Clock clock, String processInstanceId, String phoneNumber,
            String callbackId, String storedState) {
        Slot slot = slots.computeIfAbsent(processInstanceId, id -> new Slot());
        String key = phoneNumber + "|" + callbackId + "|" + storedState;
        CompletableFuture<Live> asking;
        boolean asker = false;
        synchronized (slot) {
            Instant now = clock.instant();
            if (slot.live != null && Objects.equals(slot.key, key) && now.isBefore(slot.live.fetchedAt()
                    .plus(FRESH_FOR))) {
                return new Live(slot.live.callback(), slot.live.fetchedAt(), slot.live.failure(), true);
            }
            if (slot.asking == null || !Objects.equals(slot.askingKey, key)) {
                slot.asking = new CompletableFuture<>();
                slot.askingKey = key;
                asker = true;
            }
            asking = slot.asking;
        }
        if (asker) {
            Live live = fetch(talkdesk, clock, phoneNumber, callbackId);
            synchronized (slot) {
                slot.key = key;
                slot.live = live;
                if (slot.asking == asking) {
                    slot.asking = null;
                }
                prune(clock.instant());
            }
            asking.complete(live);
            return live;
        }
        try {
            // one read in flight per follow-up: the other viewers share its answer, waiting no longer than it may take
            Live shared = asking.get(BUDGET.plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            return new Live(shared.callback(), shared.fetchedAt(), shared.failure(), true);
        } catch (TimeoutException | ExecutionException e) {
            return failedNow(clock, "Talkdesk has not answered yet");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failedNow(clock, "Talkdesk has not answered yet");
        }
    }

    /** Forgets what was read for a follow-up, after an action on it. */
    void forget(String processInstanceId) {
        slots.remove(processInstanceId);
    }

    /** Reads the callback within {@link #BUDGET}, on the tab's share of the rate limit; stamped when it completes. */
    private Live fetch(TalkdeskCallbackService talkdesk, Clock clock, String phoneNumber, String callbackId) {
        try {
            if (share.acquire(BUDGET) == null) {
                return failedNow(clock, "not asked: the tab's share of the Talkdesk rate limit is used up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failedNow(clock, "not asked: interrupted");
        }
        return read(talkdesk, phoneNumber, callbackId, clock);
    }

    private static Live read(TalkdeskCallbackService talkdesk, String phoneNumber, String callbackId, Clock clock) {
        try {
            Optional<CallbackResource> callback = JobDeadline.within(BUDGET,
                    () -> talkdesk.findById(phoneNumber, callbackId));
            return new Live(callback, clock.instant(), null, false);
        } catch (CallbackRejectedException e) {
            return failed(callbackId, phoneNumber, "Talkdesk refused the lookup (HTTP " + e.httpStatus(),
                    clock.instant(), e);
        } catch (TalkdeskConfigurationException e) {
            return failed(callbackId, phoneNumber, "Talkdesk refused our credentials (HTTP " + e.httpStatus(),
                    clock.instant(), e);
        } catch (TalkdeskException e) {
            String answer = e.httpStatus() > 0 ? "HTTP " + e.httpStatus() : "no answer";
            return failed(callbackId, phoneNumber, "Talkdesk not reachable (" + answer, clock.instant(), e);
        } catch (RuntimeException e) {
            return failed(callbackId, phoneNumber, "Talkdesk not reachable (" + e.getClass().getSimpleName(),
                    clock.instant(), e);
        }
    }

    private static Live failed(String callbackId, String phoneNumber, String what, Instant now, RuntimeException e) {
        LOG.warn("TDCB-K100 live status of callback {} for {} could not be read: {}", callbackId,
                PhoneMask.mask(phoneNumber), PhoneMask.maskAll(e.getMessage()));
        return new Live(Optional.empty(), now, what + " at " + CLOCK_TIME.format(now) + " UTC)", false);
    }

    private static Live failedNow(Clock clock, String what) {
        Instant now = clock.instant();
        return new Live(Optional.empty(), now, what + " (at " + CLOCK_TIME.format(now) + " UTC)", false);
    }

    private void prune(Instant now) {
        if (slots.size() > MAX_SLOTS) {
            slots.values().removeIf(slot -> slot.asking == null && (slot.live == null
                    || !now.isBefore(slot.live.fetchedAt().plus(FRESH_FOR))));
        }
    }
}
