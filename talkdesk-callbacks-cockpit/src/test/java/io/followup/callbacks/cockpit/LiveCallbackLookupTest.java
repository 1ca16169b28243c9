package io.followup.callbacks.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.api.CallbackPage;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.api.NewCallback;
import io.followup.callbacks.talkdesk.api.PatchOperation;
import io.followup.callbacks.talkdesk.api.TalkdeskCallbacksApi;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import io.followup.callbacks.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tab's live lookup: at most one Talkdesk read per follow-up every few seconds, and outages in plain words. */
class LiveCallbackLookupTest {

    private static final String PHONE = "+351912345678";
    private static final Instant NOW = Instant.parse("2026-12-01T10:42:17Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger lists = new AtomicInteger();
    private RuntimeException failure;
    /** How long Talkdesk takes to answer a list, on the test's clock. */
    private volatile Duration slowness = Duration.ZERO;

    private final TalkdeskCallbacksApi talkdesk = new TalkdeskCallbacksApi() {
        @Override
        public CallbackPage list(String phoneNumber, String status, int page, int perPage) {
            lists.incrementAndGet();
            if (!slowness.isZero()) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                clock.advance(slowness);
            }
            if (failure != null) {
                throw failure;
            }
            CallbackResource callback = new CallbackResource("cb-1", PHONE, "UNATTEMPTED",
                    NOW.plus(Duration.ofDays(1)), "Europe/Lisbon", "+14155550100", null, "call me", null, null, null);
            return new CallbackPage(1, 1, 50, 1, 1, null, new CallbackPage.Embedded(List.of(callback)));
        }

        @Override
        public CallbackResource create(NewCallback callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CallbackResource update(String callbackId, List<PatchOperation> patch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancel(String callbackId) {
            throw new UnsupportedOperationException();
        }
    };

    private final TalkdeskCallbackService service = new TalkdeskCallbackService(talkdesk,
            new AccessTokenProvider() {
                @Override
                public String accessToken() {
                    return "t";
                }

                @Override
                public void invalidate(String rejectedToken) {
                }
            }, 50, 500);

    private LiveCallbackLookup.Live lookup(String callbackId, String storedState) {
        return LiveCallbackLookup.of(service).lookup(service, clock, "pi-1", PHONE, callbackId, storedState);
    }

    @Test
    void shouldLetViewersShareOneSlowReadAndKeepItFromWhenItsAnswerCame() throws Exception {
        slowness = Duration.ofSeconds(6); // longer than an answer is kept
        java.util.concurrent.ExecutorService viewers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<LiveCallbackLookup.Live>> seen = viewers.invokeAll(
                    java.util.Collections.nCopies(4, () -> lookup("cb-1", "SCHEDULED")));
            for (java.util.concurrent.Future<LiveCallbackLookup.Live> live : seen) {
                assertThat(live.get().failed()).isFalse();
                assertThat(live.get().callback()).isPresent();
            }
        } finally {
            viewers.shutdownNow();
        }
        slowness = Duration.ZERO;
        clock.advance(Duration.ofSeconds(3));
        LiveCallbackLookup.Live later = lookup("cb-1", "SCHEDULED");

        assertThat(lists).as("one read in flight, shared by every viewer").hasValue(1);
        assertThat(later.cached()).as("kept from when the answer came, not from when it was asked").isTrue();
        assertThat(later.fetchedAt()).isEqualTo(NOW.plus(Duration.ofSeconds(6)));
    }

    @Test
    void shouldAskTalkdeskOnceWithinFiveSecondsAndAgainAfterThem() {
        LiveCallbackLookup.Live first = lookup("cb-1", "SCHEDULED");
        clock.advance(Duration.ofSeconds(4));
        LiveCallbackLookup.Live second = lookup("cb-1", "SCHEDULED");
        clock.advance(Duration.ofSeconds(2));
        LiveCallbackLookup.Live third = lookup("cb-1", "SCHEDULED");

        assertThat(first.callback()).map(CallbackResource::status).contains("UNATTEMPTED");
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.fetchedAt()).isEqualTo(NOW);
        assertThat(third.cached()).isFalse();
        assertThat(lists).hasValue(2);
    }

    @Test
    void shouldAskAgainAtOnceWhenTheFollowUpChangedItsCallback() {
        lookup("cb-1", "SCHEDULED|2026-12-02T10:00:00Z");
        LiveCallbackLookup.Live moved = lookup("cb-1", "UPDATED|2026-12-03T10:00:00Z");

        assertThat(moved.cached()).isFalse();
        assertThat(lists).hasValue(2);
    }

    @Test
    void shouldSayTalkdeskIsNotReachableWithTheStatusAndTheTimeAndKeepSayingItForAFewSeconds() {
        failure = new TalkdeskTransientException("TDCB-503 Talkdesk answered 503", 503, null, null, null);

        LiveCallbackLookup.Live down = lookup("cb-1", "SCHEDULED");
        LiveCallbackLookup.Live again = lookup("cb-1", "SCHEDULED");

        assertThat(down.failure()).isEqualTo("Talkdesk not reachable (HTTP 503 at 10:42 UTC)");
        assertThat(down.callback()).isEmpty();
        assertThat(again.cached()).isTrue();
        assertThat(lists).as("an outage is not hammered").hasValue(1);
    }

    @Test
    void shouldSayNoAnswerWhenTalkdeskCannotBeReachedAtAll() {
        failure = new TalkdeskTransientException("TDCB-599 no answer", 0, null, null, null);

        assertThat(lookup("cb-1", "SCHEDULED").failure())
                .isEqualTo("Talkdesk not reachable (no answer at 10:42 UTC)");
    }

    @Test
    void shouldReportACallbackTalkdeskNoLongerListsAsMissingNotAsAFailure() {
        LiveCallbackLookup.Live gone = lookup("cb-other", "SCHEDULED");

        assertThat(gone.failed()).isFalse();
        assertThat(gone.callback()).isEmpty();
    }
}
