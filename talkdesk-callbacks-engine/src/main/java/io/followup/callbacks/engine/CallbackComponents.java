package io.followup.callbacks.engine;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.ClusterLocks;
import io.followup.callbacks.cluster.FollowUpLock;
import io.followup.callbacks.delegate.CallbackOutputs;
import io.followup.callbacks.delegate.CancelCallbackDelegate;
import io.followup.callbacks.delegate.CheckCallbackOutcomeDelegate;
import io.followup.callbacks.delegate.FindActiveCallbackDelegate;
import io.followup.callbacks.delegate.ScheduleCallbackDelegate;
import io.followup.callbacks.delegate.UpdateCallbackDelegate;
import io.followup.callbacks.delegate.ValidateCallbackRequestDelegate;
import io.followup.callbacks.process.SupportFollowUpProcess.Delegates;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.CallbackRequestRules;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.talkdesk.RequestRateLimiter;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.api.TalkdeskCallbacksApi;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import io.followup.callbacks.window.CallingWindows;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * How the plugin's parts are built from {@link TalkdeskProperties}: the one code path behind both the engine plugin
 * on a plain engine and the Spring Boot auto-configuration, which calls the same methods bean by bean so that a
 * host's own bean can replace any part.
 */
public final class CallbackComponents {

    private CallbackComponents() {
    }

    /** The HTTP client shared by the API calls and the token endpoint. */
    public static HttpClient httpClient(TalkdeskProperties settings) {
        return TalkdeskClientFactory.httpClient(settings.getApi().getConnectTimeout());
    }

    /** The OAuth2 client-credentials token cache. */
    public static AccessTokenProvider tokens(TalkdeskProperties settings, TalkdeskConnection connection,
            HttpClient httpClient, Clock clock) {
        return TalkdeskClientFactory.tokenProvider(connection, httpClient, settings.getApi().getReadTimeout(),
                settings.getAuth().getRefreshBeforeExpiry(), clock);
    }

    /** The node's client-side rate limit ({@code talkdesk.api.rate-limit}), shared by all its threads. */
    public static RequestRateLimiter rateLimiter(TalkdeskProperties settings) {
        return new RequestRateLimiter(settings.getApi().getRateLimit());
    }

    /** The Feign client of the Scheduled Callbacks API. */
    public static TalkdeskCallbacksApi api(TalkdeskProperties settings, TalkdeskConnection connection,
            HttpClient httpClient, AccessTokenProvider tokens, Clock clock, RequestRateLimiter limiter,
            MeterRegistry registry) {
        TalkdeskProperties.Api api = settings.getApi();
        return TalkdeskClientFactory.api(connection, httpClient, tokens, api.getConnectTimeout(),
                api.getReadTimeout(), api.isLogRequests(), clock, limiter, api.getMaxRateLimitWait(), registry);
    }

    /** Find, create, update and cancel callbacks on top of the API client. */
    public static TalkdeskCallbackService service(TalkdeskProperties settings, TalkdeskCallbacksApi api,
            AccessTokenProvider tokens, MeterRegistry registry, ExecutorService lookups) {
        return new TalkdeskCallbackService(api, tokens, settings.getApi().getPageSize(),
                settings.getCallbacks().getNotesMaxLength(), registry, lookups);
    }

    /** Validates and normalises callback requests read from process variables. */
    public static CallbackRequestFactory requests(TalkdeskProperties settings, Clock clock) {
        TalkdeskProperties.Callbacks callbacks = settings.getCallbacks();
        return new CallbackRequestFactory(new CallbackRequestRules(callbacks.getDefaultCallerId(),
                callbacks.getDefaultAssignType(), callbacks.getDefaultAssignees(), callbacks.getDefaultPhoneRegion(),
                callbacks.getMinimumLeadTime(), callbacks.getNotesMaxLength()),
                CallingWindows.from(settings.getWindows()), clock);
    }

    /** The outputs every booking step writes. */
    public static CallbackOutputs outputs(TalkdeskProperties settings, Supplier<? extends FollowUpLock> locks) {
        return new CallbackOutputs(settings.getCallbacks().getCheckGracePeriod(), locks);
    }

    /** "Check callback outcome" with its re-check rules. */
    public static CheckCallbackOutcomeDelegate checkOutcome(TalkdeskProperties settings,
            CallbackRequestFactory requests, TalkdeskCallbackService talkdesk, Clock clock,
            Supplier<? extends FollowUpLock> locks) {
        TalkdeskProperties.Callbacks callbacks = settings.getCallbacks();
        return new CheckCallbackOutcomeDelegate(requests, talkdesk, clock, callbacks.getOutcomeRecheckInterval(),
                callbacks.getMaxOutcomeChecks(), settings.getWindows().getExpiry(), locks);
    }

    /** The retry cycle bean the BPMN reads as {@code ${talkdeskRetry.cycle}}. */
    public static TalkdeskRetry retry(TalkdeskProperties settings) {
        return new TalkdeskRetry(settings.getRetry().getCycle());
    }

    /**
     * Every bean the shipped model and the element templates name, under its documented name: the six delegates
     * and {@code talkdeskRetry}.
     */
    public static Map<String, Object> delegates(TalkdeskProperties settings, CallbackRequestFactory requests,
            TalkdeskCallbackService talkdesk, ClusterLocks locks, Clock clock) {
        CallbackOutputs outputs = outputs(settings, () -> locks);
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put(Delegates.VALIDATE, new ValidateCallbackRequestDelegate(requests));
        beans.put(Delegates.FIND_ACTIVE, new FindActiveCallbackDelegate(requests, talkdesk, locks));
        beans.put(Delegates.SCHEDULE, new ScheduleCallbackDelegate(requests, talkdesk, outputs, locks, clock));
        beans.put(Delegates.UPDATE, new UpdateCallbackDelegate(requests, talkdesk, outputs));
        beans.put(Delegates.CANCEL, new CancelCallbackDelegate(requests, talkdesk, locks));
        beans.put(Delegates.CHECK_OUTCOME, checkOutcome(settings, requests, talkdesk, clock, () -> locks));
        beans.put(TalkdeskRetry.BEAN_NAME, retry(settings));
        return beans;
    }
}
