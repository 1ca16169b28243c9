package io.followup.callbacks.booking;

import feign.FeignException;
import feign.RetryableException;
import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.TicketReference;
import io.followup.callbacks.talkdesk.JobDeadline;
import io.followup.callbacks.talkdesk.PhoneMask;
import io.followup.callbacks.talkdesk.api.AgentRef;
import io.followup.callbacks.talkdesk.api.CallbackPage;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.api.NewCallback;
import io.followup.callbacks.talkdesk.api.PatchOperation;
import io.followup.callbacks.talkdesk.api.RingGroupRef;
import io.followup.callbacks.talkdesk.api.TalkdeskCallbacksApi;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.talkdesk.error.CallbackRejectedException;
import io.followup.callbacks.talkdesk.error.TalkdeskConfigurationException;
import io.followup.callbacks.talkdesk.error.TalkdeskErrorDecoder;
import io.followup.callbacks.talkdesk.error.TalkdeskTransientException;
import io.followup.callbacks.talkdesk.error.TokenRejectedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the delegates need from Talkdesk: find active callbacks of a number (one unfiltered page when the number's
 * callbacks fit it, else every page of both active statuses), schedule, update and cancel. Refreshes the token once
 * on a 401 and repeats the call once; turns connection failures and timeouts into
 * {@link TalkdeskTransientException}s. Callbacks it books carry the ticket's {@link TicketReference} in their notes so
 * a retry can recognise them.
 */
public class TalkdeskCallbackService {

    private static final Logger LOG = LoggerFactory.getLogger(TalkdeskCallbackService.class);
    private static final int MAX_PAGES = 1000;
    /** Talkdesk's largest {@code per_page}: the one unfiltered page {@link #findActive} asks for first. */
    static final int WHOLE_HISTORY_PAGE_SIZE = 500;
    private static final int LONG_HISTORIES = 10_000;
    private static final int MAX_LOOKUP_THREADS = 32;

    private final TalkdeskCallbacksApi api;
    private final AccessTokenProvider tokens;
    private final int pageSize;
    private final int notesMaxLength;
    private final MeterRegistry registry;
    private final Executor lookups;
    /**
     * Numbers seen with more callbacks than one page holds, by the hash of the number (a collision only costs a
     * look by status), the most recent {@value #LONG_HISTORIES} of them: their next look goes by status at once.
     */
    private final Set<Integer> longHistories = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                    return size() > LONG_HISTORIES;
                }
            }));

    public TalkdeskCallbackService(TalkdeskCallbacksApi api, AccessTokenProvider tokens, int pageSize,
            int notesMaxLength) {
        this(api, tokens, pageSize, notesMaxLength, new SimpleMeterRegistry());
    }

    /**
     * When the number's callbacks do not fit one page, looks up the two active statuses one after the other, on the
     * calling thread.
     */
    public TalkdeskCallbackService(TalkdeskCallbacksApi api, AccessTokenProvider tokens, int pageSize,
            int notesMaxLength, MeterRegistry registry) {
        this(api, tokens, pageSize, notesMaxLength, registry, Runnable::run);
    }

    /**
     * Counts {@code talkdesk.callbacks.scheduled}, {@code .updated}, {@code .cancelled} and {@code .rejected} (the
     * last tagged with the operation Talkdesk refused) in {@code registry}. {@link #findActive} first lists every
     * callback of the number, in whatever status, on one page of {@value #WHOLE_HISTORY_PAGE_SIZE} (whatever
     * {@code pageSize} says): when they fit it, that page is the answer and a new booking costs 2 calls (the list and
     * the create). Only for a longer history it lists the {@code UNATTEMPTED} callbacks on {@code lookups} while the
     * calling thread lists the {@code TO_BE_RETRIED} ones, {@code pageSize} a page, so those two cost one round trip
     * instead of two (see {@link #lookupExecutor()}): 3 calls before the create the first time, 2 once the number
     * is remembered. {@code pageSize} governs every other listing too.
     */
    public TalkdeskCallbackService(TalkdeskCallbacksApi api, AccessTokenProvider tokens, int pageSize,
            int notesMaxLength, MeterRegistry registry, Executor lookups) {
        if (pageSize < 1 || pageSize > 500) {
            throw new IllegalArgumentException("talkdesk.api.page-size must be between 1 and 500, was " + pageSize);
        }
        this.api = api;
        this.tokens = tokens;
        this.pageSize = pageSize;
        this.notesMaxLength = notesMaxLength;
        this.registry = registry;
        this.lookups = lookups;
    }

    /**
     * Threads for the second status lookup (of a number whose callbacks do not fit one page): up to
     * {@value #MAX_LOOKUP_THREADS}, started on demand, idle ones end after a minute; when all are busy the caller
     * lists both statuses itself, one after the other.
     */
    public static ExecutorService lookupExecutor() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, MAX_LOOKUP_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread thread = new Thread(r, "talkdesk-lookup-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * Every active ({@code UNATTEMPTED} or {@code TO_BE_RETRIED}) callback for {@code phoneNumber}, each once, in
     * Talkdesk's order. First one request lists the number's callbacks without a status filter, page 1 of
     * {@value #WHOLE_HISTORY_PAGE_SIZE}: when that page is {@linkplain CallbackPage#isComplete() complete}, its
     * active callbacks are the answer (the final ones on it are ignored) and no other request is made. Otherwise (a
     * history longer than a page) the two active statuses are listed at the same time, every page of each; if either
     * listing fails, its exception is thrown once both ended. A failure of the first request is thrown as it is. A
     * number once seen with a longer history is listed by status at once: 2 calls before the create, not 3.
     */
    public List<CallbackResource> findActive(String phoneNumber) {
        Integer number = phoneNumber.hashCode();
        if (!longHistories.contains(number)) {
            CallbackPage history = call(() -> api.list(phoneNumber, null, 1, WHOLE_HISTORY_PAGE_SIZE));
            if (history != null && history.isComplete()) { // an empty answer says nothing: ask by status
                return activeOf(phoneNumber, List.of(history.callbacks()));
            }
            if (history != null) {
                longHistories.add(number); // a history does not get shorter: next time, by status at once
            }
        }
        return findActiveByStatus(phoneNumber);
    }

    /** {@link #findActive} for a number whose callbacks do not fit one page: both active statuses, every page. */
    private List<CallbackResource> findActiveByStatus(String phoneNumber) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Optional<Duration> budget = JobDeadline.remaining();
        CompletableFuture<List<CallbackResource>> unattempted = CompletableFuture.supplyAsync(() -> {
            Map<String, String> own = MDC.getCopyOfContextMap();
            setLogContext(logContext);
            try {
                // the job's deadline holds on this thread too
                return budget.map(left -> JobDeadline.within(left, () -> listAll(phoneNumber, "UNATTEMPTED")))
                        .orElseGet(() -> listAll(phoneNumber, "UNATTEMPTED"));
            } finally {
                setLogContext(own);
            }
        }, lookups);
        List<CallbackResource> toBeRetried = List.of();
        try {
            // it may have failed already, on this thread when every lookup thread was busy: then list no more
            if (!unattempted.isCompletedExceptionally()) {
                toBeRetried = listAll(phoneNumber, "TO_BE_RETRIED");
            }
        } finally {
            awaitQuietly(unattempted);
        }
        return activeOf(phoneNumber, List.of(resultOf(unattempted), toBeRetried));
    }

    /** The active callbacks of {@code phoneNumber} among {@code lists}, each once, in the order they come. */
    private static List<CallbackResource> activeOf(String phoneNumber, List<List<CallbackResource>> lists) {
        Map<String, CallbackResource> found = new LinkedHashMap<>();
        for (List<CallbackResource> callbacks : lists) {
            for (CallbackResource callback : callbacks) {
                if (callback.isActive() && phoneNumber.equals(callback.phoneNumber())) {
                    found.putIfAbsent(callback.callbackId(), callback);
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** The ticket and process instance of the job's log lines, on the thread that lists for it. */
    private static void setLogContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    /** Waits, uninterruptibly, for a lookup that may fail; {@link #resultOf} reports its failure. */
    private static void awaitQuietly(CompletableFuture<?> lookup) {
        try {
            lookup.join();
        } catch (CompletionException | CancellationException e) {
            // reported by resultOf, or superseded by the caller's own failure
        }
    }

    private static <T> T resultOf(CompletableFuture<T> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Every callback of {@code phoneNumber}, in whatever status (every page). */
    public List<CallbackResource> findAll(String phoneNumber) {
        return listAll(phoneNumber, null);
    }

    /** The callback {@code callbackId} of {@code phoneNumber}, in whatever status. */
    public Optional<CallbackResource> findById(String phoneNumber, String callbackId) {
        Optional<CallbackResource> callback = listAll(phoneNumber, null).stream()
                .filter(c -> callbackId.equals(c.callbackId()))
                .findFirst();
        callback.filter(c -> !c.isActive() && !CallbackResource.FINAL_STATUSES.contains(c.status()))
                .ifPresent(c -> LOG.warn("TDCB-S001 callback {} has a status unknown to this client: {}",
                        c.callbackId(), c.status()));
        return callback;
    }

    /** Books {@code request} as a new callback, marked with its ticket reference. */
    public CallbackResource schedule(CallbackRequest request) {
        return schedule(request, null);
    }

    /**
     * Books {@code request} as a new callback, marked with its ticket and the reference of booking attempt
     * {@code attempt}, by which a retry recognises what this very request created when its answer was lost.
     */
    public CallbackResource schedule(CallbackRequest request, String attempt) {
        boolean agents = request.assignType() == AssignType.SPECIFIC_AGENT;
        NewCallback body = new NewCallback(request.phoneNumber(), request.scheduledTime(),
                request.timezone().getId(), request.assignType().name(),
                agents ? request.assignees().stream().map(AgentRef::new).toList() : null,
                agents ? null : request.assignees().stream().map(RingGroupRef::new).toList(),
                request.callerId(), NewCallback.PREVIEW, request.interactionId(),
                TicketReference.mark(request.notes(), request.ticketId(), attempt, notesMaxLength));
        CallbackResource created = counted("create", () -> api.create(body));
        count("talkdesk.callbacks.scheduled", "Callbacks booked in Talkdesk");
        LOG.info("TDCB-S100 scheduled callback {} for {} at {}", created.callbackId(),
                PhoneMask.mask(request.phoneNumber()), request.scheduledTime());
        return created;
    }

    /** Replaces time, number, zone, assignment, caller ID and notes of callback {@code callbackId}. */
    public CallbackResource update(String callbackId, CallbackRequest request) {
        boolean agents = request.assignType() == AssignType.SPECIFIC_AGENT;
        List<PatchOperation> patch = new ArrayList<>(List.of(
                PatchOperation.replace(PatchOperation.TIME_TO_CALL, request.scheduledTime().toString()),
                PatchOperation.replace(PatchOperation.PHONE_NUMBER, request.phoneNumber()),
                PatchOperation.replace(PatchOperation.TIMEZONE, request.timezone().getId()),
                PatchOperation.replace(PatchOperation.ASSIGN_TYPE, request.assignType().name()),
                PatchOperation.replace(agents ? PatchOperation.AGENTS : PatchOperation.RING_GROUPS,
                        request.assignees()),
                PatchOperation.replace(PatchOperation.CALLER_ID, request.callerId()),
                PatchOperation.replace(PatchOperation.NOTES, notesFor(request))));
        CallbackResource updated = counted("update", () -> api.update(callbackId, patch));
        count("talkdesk.callbacks.updated", "Callbacks moved in Talkdesk");
        LOG.info("TDCB-S200 updated callback {} for {} to {}", callbackId, PhoneMask.mask(request.phoneNumber()),
                request.scheduledTime());
        return updated;
    }

    /** Cancels callback {@code callbackId}. */
    public void cancel(String callbackId) {
        call(() -> {
            api.cancel(callbackId);
            return null;
        });
        count("talkdesk.callbacks.cancelled", "Callbacks cancelled in Talkdesk");
        LOG.info("TDCB-S300 cancelled callback {}", callbackId);
    }

    private String notesFor(CallbackRequest request) {
        return TicketReference.mark(request.notes(), request.ticketId(), notesMaxLength);
    }

    private List<CallbackResource> listAll(String phoneNumber, String status) {
        List<CallbackResource> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            int current = page;
            CallbackPage answer = call(() -> api.list(phoneNumber, status, current, pageSize));
            if (answer == null) {
                break;
            }
            all.addAll(answer.callbacks());
            if (!answer.hasNext() || answer.callbacks().isEmpty()) {
                break;
            }
        }
        return all;
    }

    private <T> T counted(String operation, Supplier<T> call) {
        try {
            return call(call);
        } catch (CallbackRejectedException e) {
            Counter.builder("talkdesk.callbacks.rejected").description("Requests Talkdesk refused (400/422)")
                    .tag("operation", operation).register(registry).increment();
            throw e;
        }
    }

    private void count(String name, String description) {
        Counter.builder(name).description(description).register(registry).increment();
    }

    private <T> T call(Supplier<T> call) {
        try {
            return translate(call);
        } catch (TokenRejectedException first) {
            tokens.invalidate(first.rejectedToken());
            try {
                return translate(call);
            } catch (TokenRejectedException again) {
                throw new TalkdeskConfigurationException("TDCB-401 Talkdesk refused a freshly issued token for "
                        + again.operation() + ": check the API client's scopes and that it is not revoked", 401, again.talkdeskCode());
            }
        }
    }

    private static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (RetryableException e) {
            throw new TalkdeskTransientException("TDCB-599 no answer from Talkdesk for " + pathOf(e) + ": "
                    + rootCause(e), Math.max(e.status(), 0), null, null, null, e.status() <= 0 && mayHaveArrived(e));
        } catch (FeignException e) {
            throw new TalkdeskTransientException("TDCB-598 unreadable answer from Talkdesk (HTTP " + e.status()
                    + ") for " + pathOf(e) + ": " + e.getClass().getSimpleName(), e.status(), null, null, null);
        }
    }

    /**
     * Whether a request that got no answer may still have reached Talkdesk and been acted on: yes after a read time-out
     * or a reset once it was sent; no when the connection was never made (refused, connect time-out, unknown host)
     * or the request never left (interrupted while waiting for a rate-limit slot).
     */
    static boolean mayHaveArrived(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException
                    || cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException)) {
                return false;
            }
        }
        return true;
    }

    private static String pathOf(FeignException e) {
        return TalkdeskErrorDecoder.operation(e.request());
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
