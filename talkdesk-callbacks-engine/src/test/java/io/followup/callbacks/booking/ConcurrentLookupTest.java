package io.followup.callbacks.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.callbacks.talkdesk.JobDeadline;
import io.followup.callbacks.talkdesk.api.CallbackPage;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.api.NewCallback;
import io.followup.callbacks.talkdesk.api.PatchOperation;
import io.followup.callbacks.talkdesk.api.TalkdeskCallbacksApi;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * For a number whose callbacks do not fit one unfiltered page (here: page 1 of 2, 500 finished callbacks), the look
 * for active callbacks lists both active statuses at the same time: one round trip to Talkdesk instead of two,
 * whatever Talkdesk's latency. Proven without clocks: each status's listing waits until the other one has started,
 * which only completes when they overlap.
 */
class ConcurrentLookupTest {

    private static final String NUMBER = "+351912345678";

    private final ExecutorService lookups = TalkdeskCallbackService.lookupExecutor();

    @AfterEach
    void stop() {
        lookups.shutdownNow();
    }

    @Test
    void bothActiveStatusesAreListedAtTheSameTime() {
        Map<String, CountDownLatch> started = Map.of("UNATTEMPTED", new CountDownLatch(1),
                "TO_BE_RETRIED", new CountDownLatch(1));
        TalkdeskCallbackService service = service(status -> {
            started.get(status).countDown();
            String other = status.equals("UNATTEMPTED") ? "TO_BE_RETRIED" : "UNATTEMPTED";
            awaitOrFail(started.get(other), status + " was listed alone: the other status did not start meanwhile");
            return List.of(callback("cb-" + status, status));
        }, lookups);

        assertThat(service.findActive(NUMBER)).extracting(CallbackResource::callbackId)
                .containsExactly("cb-UNATTEMPTED", "cb-TO_BE_RETRIED");
    }

    @Test
    void theJobsDeadlineHoldsOnTheLookupThreadToo() {
        Map<String, Boolean> bounded = new ConcurrentHashMap<>();
        TalkdeskCallbackService service = service(status -> {
            bounded.put(status, JobDeadline.remaining().isPresent());
            return List.of();
        }, lookups);

        JobDeadline.run(java.time.Duration.ofSeconds(30), () -> service.findActive(NUMBER));

        assertThat(bounded).containsEntry("UNATTEMPTED", true).containsEntry("TO_BE_RETRIED", true);
    }

    @Test
    void aFailedSecondLookupFailsTheLookWithItsOwnException() {
        TalkdeskCallbackService service = service(status -> {
            if (status.equals("TO_BE_RETRIED")) {
                throw new TalkdeskTransientException("TDCB-599 no answer", 0, null, null, null);
            }
            return List.of(callback("cb-1", status));
        }, lookups);

        assertThatThrownBy(() -> service.findActive(NUMBER)).isInstanceOf(TalkdeskTransientException.class)
                .hasMessageContaining("TDCB-599");
    }

    @Test
    void aFailedLookupLeavesNoCallRunningBehindTheJob() {
        Map<String, Boolean> finished = new ConcurrentHashMap<>();
        CountDownLatch unattemptedStarted = new CountDownLatch(1);
        TalkdeskCallbackService service = service(status -> {
            if (status.equals("TO_BE_RETRIED")) {
                awaitOrFail(unattemptedStarted, "the other lookup never started");
                throw new TalkdeskTransientException("TDCB-599 no answer", 0, null, null, null);
            }
            unattemptedStarted.countDown();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.put(status, true);
            return List.of();
        }, lookups);

        assertThatThrownBy(() -> service.findActive(NUMBER)).isInstanceOf(TalkdeskTransientException.class);
        assertThat(finished).containsEntry("UNATTEMPTED", true);
    }

    @Test
    void whenTheLookupsRunOneAfterTheOtherAFailureStopsTheLook() {
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        TalkdeskCallbackService service = service(status -> {
            calls.merge(status, 1, Integer::sum);
            throw new TalkdeskTransientException("TDCB-599 no answer", 0, null, null, null);
        }, Runnable::run);

        assertThatThrownBy(() -> service.findActive(NUMBER)).isInstanceOf(TalkdeskTransientException.class);
        assertThat(calls).containsExactly(Map.entry("UNATTEMPTED", 1));
    }

    @Test
    void whenEveryLookupThreadIsBusyTheCallerListsBothItself() throws Exception {
        ExecutorService single = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), new java.util.concurrent.ThreadPoolExecutor
                .CallerRunsPolicy());
        CountDownLatch release = new CountDownLatch(1);
        single.execute(() -> awaitOrFail(release, "never released"));
        try {
            Map<String, String> threads = new ConcurrentHashMap<>();
            TalkdeskCallbackService service = service(status -> {
                threads.put(status, Thread.currentThread().getName());
                return List.of(callback("cb-" + status, status));
            }, single);

            assertThat(service.findActive(NUMBER)).hasSize(2);
            assertThat(threads).containsEntry("UNATTEMPTED", Thread.currentThread().getName())
                    .containsEntry("TO_BE_RETRIED", Thread.currentThread().getName());
        } finally {
            release.countDown();
            single.shutdown();
        }
    }

    @Test
    void aNumberWhoseCallbacksFitOnePageIsLookedUpWithThatPageAloneOnTheCallingThread() {
        List<CallbackResource> history = List.of(callback("cb-called", "SUCCESS"), callback("cb-1", "UNATTEMPTED"),
                callback("cb-2", "TO_BE_RETRIED"));
        Map<String, Integer> statusLists = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger handedOver = new java.util.concurrent.atomic.AtomicInteger();
        TalkdeskCallbackService service = service(status -> {
            statusLists.merge(status, 1, Integer::sum);
            return List.of();
        }, task -> {
            handedOver.incrementAndGet();
            lookups.execute(task);
        }, new CallbackPage(3, 1, 500, 1, 3, Map.of(), new CallbackPage.Embedded(history)));

        assertThat(service.findActive(NUMBER)).extracting(CallbackResource::callbackId).containsExactly("cb-1", "cb-2");
        assertThat(statusLists).isEmpty();
        assertThat(handedOver).hasValue(0);
    }

    private static void awaitOrFail(CountDownLatch latch, String message) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(message, e);
        }
    }

    /** The unfiltered first page of a number called 520 times: not the whole history, so the statuses are listed. */
    private static final CallbackPage LONG_HISTORY = new CallbackPage(520, 1, 500, 2, 500, Map.of(),
            new CallbackPage.Embedded(java.util.stream.IntStream.range(0, 500)
                    .mapToObj(i -> callback("cb-called-" + i, "SUCCESS")).toList()));

    private static CallbackResource callback(String id, String status) {
        return new CallbackResource(id, NUMBER, status, null, "Europe/Lisbon", null, null, null, null, null, null);
    }

    private static TalkdeskCallbackService service(Function<String, List<CallbackResource>> byStatus,
            java.util.concurrent.Executor executor) {
        return service(byStatus, executor, LONG_HISTORY);
    }

    /** The service on a Talkdesk whose unfiltered list answers {@code history}, its status lists {@code byStatus}. */
    private static TalkdeskCallbackService service(Function<String, List<CallbackResource>> byStatus,
            java.util.concurrent.Executor executor, CallbackPage history) {
        TalkdeskCallbacksApi api = new TalkdeskCallbacksApi() {
            @Override
            public CallbackPage list(String phoneNumber, String status, int page, int perPage) {
                if (status == null) {
                    return history;
                }
                List<CallbackResource> callbacks = byStatus.apply(status);
                return new CallbackPage(callbacks.size(), 1, perPage, 1, callbacks.size(), Map.of(),
                        new CallbackPage.Embedded(callbacks));
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
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String accessToken() {
                return "token";
            }

            @Override
            public void invalidate(String rejectedToken) {
            }
        };
        return new TalkdeskCallbackService(api, tokens, 50, 1000, new io.micrometer.core.instrument.simple
                .SimpleMeterRegistry(), executor);
    }
}
