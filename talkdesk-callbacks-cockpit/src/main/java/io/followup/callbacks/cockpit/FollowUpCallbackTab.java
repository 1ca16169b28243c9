package io.followup.callbacks.cockpit;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.ASSIGNEES;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.ASSIGN_TYPE;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME_REASON;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REJECTION_CODE;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REJECTION_MESSAGE;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REQUEST;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REQUESTED_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_SCHEDULED_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_STATUS;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_TIME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_TIME_MOVED;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_TIME_MOVED_REASON;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLER_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLING_HOURS;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLING_WINDOW;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLING_WINDOWS;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CANCELLATION_REQUESTED;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.INTERACTION_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.NOTES;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.OUTSIDE_WINDOW;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.PHONE_NUMBER;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.PHONE_REGION;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.TICKET_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.TIMEZONE;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.TIMEZONE_SOURCE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.callbacks.cluster.FollowUpLock;
import io.followup.callbacks.cluster.LockBusyException;
import io.followup.callbacks.cockpit.FollowUpAccess.Caller;
import io.followup.callbacks.cockpit.LiveCallbackLookup.Live;
import io.followup.callbacks.engine.CallbackServices;
import io.followup.callbacks.engine.FollowUpService;
import io.followup.callbacks.engine.WithoutCaller;
import io.followup.callbacks.process.SupportFollowUpProcess.Messages;
import io.followup.callbacks.request.CallbackRequest;
import io.followup.callbacks.request.CallbackRequestJson;
import io.followup.callbacks.request.CallbackRequestValidation;
import io.followup.callbacks.request.FieldProblem;
import io.followup.callbacks.request.RawCallbackRequest;
import io.followup.callbacks.talkdesk.PhoneMask;
import io.followup.callbacks.talkdesk.api.AgentRef;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import io.followup.callbacks.talkdesk.api.RingGroupRef;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Cockpit tab shows and does for one follow-up, free of JAX-RS so the resource stays a thin adapter:
 * <ul>
 * <li>{@link #view}: the callback as the follow-up stored it and as Talkdesk lists it now (through the plugin's
 * client, cached for a few seconds; a failure is a sentence, and the stored state still shows), the scheduled time in
 * the customer's zone and in UTC, assignment, caller ID, notes with numbers masked, the last rejection, the history of
 * Talkdesk calls, and why there is no callback when there is none;</li>
 * <li>{@link #reschedule} by message correlation, and {@link #cancel} through {@link FollowUpService} as the webhook
 * (cancel now, or record it where the model reads it). A new time is judged by the same rules as the webhook's, with
 * the same per-field errors, before the message is sent.</li>
 * </ul>
 * Every answer checks the caller first ({@link FollowUpAccess}, with Camunda's tenant check): none is 401; one who may
 * not read the process instance gets the same 404 as for an unknown one; one who may read but not change it gets 403
 * for the actions. The reads then run as the engine; the correlations run as the caller, so the engine checks them
 * again and records who did it.
 */
final class FollowUpCallbackTab {

    /** The tab's answer: an HTTP status and a JSON object. */
    record Answer(int status, Map<String, Object> body) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpCallbackTab.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessEngine engine;
    private final CallbackServices services;
    private final FollowUpAccess access;
    private final FollowUpService followUps;

    /** {@code services} is null when the engine runs without the plugin: the tab then shows only what is stored. */
    FollowUpCallbackTab(ProcessEngine engine, CallbackServices services) {
        this.engine = engine;
        this.services = services;
        this.access = new FollowUpAccess(engine);
        this.followUps = new FollowUpService(engine, services == null ? FollowUpLock.NONE : services.locks());
    }

    /** The Cockpit user: null when nobody is logged in. */
    static Caller caller(Authentication authentication, boolean admin) {
        return authentication == null || authentication.getUserId() == null ? null
                : new Caller(authentication.getUserId(), authentication.getGroupIds(), authentication.getTenantIds(),
                        admin);
    }

    /** {@code GET}: 200 with the view, 401, or 404 for a process instance unknown or not readable to the caller. */
    Answer view(Caller caller, String processInstanceId) {
        if (caller == null) {
            return unauthenticated();
        }
        Optional<FollowUpSnapshot> found = asEngine(() -> FollowUpSnapshot.read(engine, processInstanceId))
                .filter(followUp -> asEngine(() -> access.mayRead(caller, followUp)));
        if (found.isEmpty()) {
            return notFound(processInstanceId); // also for one the caller may not read: no existence oracle
        }
        FollowUpSnapshot followUp = found.get();
        boolean mayUpdate = followUp.running() && asEngine(() -> access.mayUpdate(caller, followUp));
        boolean mayReadHistory = asEngine(() -> access.mayReadHistory(caller, followUp));
        return new Answer(200, asEngine(() -> describe(followUp, mayUpdate, mayReadHistory)));
    }

    /**
     * {@code POST .../reschedule} with {@code {"callbackTime": "2026-12-01T11:00", "timezone": "Europe/Lisbon"}}
     * ({@code timezone} optional): 202 once the follow-up took the message, 400 naming each bad field as the webhook
     * does, 409 when the follow-up does not wait for its callback, 401, 403, 404.
     */
    Answer reschedule(Caller caller, String processInstanceId, String body) {
        Answer refused = refuseAction(caller, processInstanceId);
        if (refused != null) {
            return refused;
        }
        JsonNode json = readJson(body);
        if (json == null || !json.isObject()) {
            return problems(List.of(new FieldProblem("body", "must be a JSON object with callbackTime and, "
                    + "optionally, timezone")));
        }
        String callbackTime = text(json, CALLBACK_TIME);
        String timezone = text(json, TIMEZONE);
        FollowUpSnapshot followUp = asEngine(() -> FollowUpSnapshot.read(engine, processInstanceId)).orElseThrow();
        if (!followUps.waitsFor(processInstanceId, Messages.RESCHEDULE_REQUESTED)) {
            return message(409, "the follow-up does not wait for its callback now (it is booking, in review or "
                    + "ended): reschedule once it waits");
        }
        if (services == null) {
            return notInstalled();
        }
        CallbackRequestValidation validation = services.requests().validate(rawWith(followUp, callbackTime,
                timezone));
        if (!validation.isValid()) {
            return problems(validation.problems());
        }
        try {
            MessageCorrelationBuilder correlation = engine.getRuntimeService()
                    .createMessageCorrelation(Messages.RESCHEDULE_REQUESTED).processInstanceId(processInstanceId)
                    .setVariable(CALLBACK_TIME, callbackTime);
            if (timezone != null) {
                correlation.setVariable(TIMEZONE, timezone);
            }
            correlation.correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            return message(409, "the follow-up stopped waiting for its callback meanwhile: reload and try again");
        } catch (AuthorizationException e) {
            return message(403, "the engine refused the reschedule: " + e.getMessage());
        }
        forgetLive(processInstanceId);
        CallbackRequest moved = validation.request();
        Map<String, Object> times = TabTimes.both(moved.scheduledTime(), moved.timezone());
        LOG.info("TDCB-K200 {} asked to move the callback of follow-up {} to {}", caller.userId(), processInstanceId,
                moved.scheduledTime());
        Map<String, Object> answer = new LinkedHashMap<>();
        boolean shifted = validation.window().moved();
        answer.put("message", "reschedule requested: the callback moves to " + times.get("localShown") + " ("
                + times.get("utcShown") + ")" + (shifted ? "; " + validation.window().movedReason() : ""));
        answer.put("scheduledTime", times);
        answer.put("moved", shifted);
        return new Answer(202, answer);
    }

    /**
     * {@code POST .../cancellation}: 202 "cancellation requested" when the follow-up waits for its callback (it
     * cancels it now), 202 "cancellation recorded" while it books or is in review (honoured when it can act, as the
     * webhook's), 409 when it ended, 401, 403, 404.
     */
    Answer cancel(Caller caller, String processInstanceId) {
        Answer refused = refuseAction(caller, processInstanceId);
        if (refused != null) {
            return refused;
        }
        FollowUpService.Cancellation outcome;
        try {
            outcome = followUps.requestCancellation(processInstanceId);
        } catch (MismatchingMessageCorrelationException e) {
            return message(409, "the follow-up stopped waiting for its callback meanwhile: reload and try again");
        } catch (AuthorizationException e) {
            return message(403, "the engine refused the cancellation: " + e.getMessage());
        } catch (LockBusyException e) {
            return message(503, "a booking of this follow-up is still running: try again in a moment");
        }
        forgetLive(processInstanceId);
        return switch (outcome) {
            case REQUESTED -> {
                LOG.info("TDCB-K300 {} asked to cancel the callback of follow-up {}", caller.userId(),
                        processInstanceId);
                yield message(202, "cancellation requested: the follow-up cancels its callback now");
            }
            case RECORDED -> {
                LOG.info("TDCB-K301 {} recorded a cancellation for follow-up {}", caller.userId(), processInstanceId);
                yield message(202, "cancellation recorded: the follow-up is booking, checking the outcome or in "
                        + "review and cancels as soon as that step ends");
            }
            case WITH_SUPERVISOR -> message(409, "a supervisor is handling the missed callback (task Follow up "
                    + "missed callback): nothing would act on a cancellation now");
            case NOT_FOUND -> message(409, "the follow-up has ended");
        };
    }

    /** The common refusals of an action: 401, 404, 403 without UPDATE, 409 for an ended follow-up. */
    private Answer refuseAction(Caller caller, String processInstanceId) {
        if (caller == null) {
            return unauthenticated();
        }
        Optional<FollowUpSnapshot> found = asEngine(() -> FollowUpSnapshot.read(engine, processInstanceId))
                .filter(followUp -> asEngine(() -> access.mayRead(caller, followUp)));
        if (found.isEmpty()) {
            return notFound(processInstanceId); // also for one the caller may not read: no existence oracle
        }
        if (!asEngine(() -> access.mayUpdate(caller, found.get()))) {
            return message(403, "you may not change this process instance (UPDATE on it, or UPDATE_INSTANCE on its "
                    + "definition, is needed)");
        }
        if (!found.get().running()) {
            return message(409, "the follow-up has ended");
        }
        return null;
    }

    private Map<String, Object> describe(FollowUpSnapshot followUp, boolean mayUpdate, boolean mayReadHistory) {
        Optional<CallbackRequest> stored = storedRequest(followUp);
        String phone = stored.map(CallbackRequest::phoneNumber).orElseGet(() -> services == null ? null
                : services.requests().e164(followUp.text(PHONE_NUMBER), followUp.text(PHONE_REGION)).orElse(null));
        ZoneId zone = stored.map(CallbackRequest::timezone).orElseGet(() -> zone(followUp.text(TIMEZONE)));
        String callbackId = followUp.text(CALLBACK_ID);
        String status = followUp.text(CALLBACK_STATUS);

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("processInstanceId", followUp.id());
        view.put("ticketId", followUp.businessKey());
        view.put("running", followUp.running());
        view.put("phoneNumber", phone == null ? null : PhoneMask.mask(phone));
        view.put("callbackId", callbackId);
        view.put("stored", stored(followUp, stored, zone, status));
        view.put("rejection", followUp.text(CALLBACK_REJECTION_CODE) == null ? null : Map.of(
                "code", followUp.text(CALLBACK_REJECTION_CODE),
                "message", PhoneMask.maskAll(String.valueOf(followUp.text(CALLBACK_REJECTION_MESSAGE)))));
        view.put("outcome", followUp.text(CALLBACK_OUTCOME) == null ? null : nullable(
                "code", followUp.text(CALLBACK_OUTCOME),
                "reason", PhoneMask.maskAll(followUp.text(CALLBACK_OUTCOME_REASON))));
        Map<String, Object> windows = new LinkedHashMap<>();
        windows.put("applied", followUp.text(CALLING_WINDOWS));
        windows.put("timezoneSource", followUp.text(TIMEZONE_SOURCE));
        windows.put("moved", Boolean.TRUE.equals(followUp.variables().get(CALLBACK_TIME_MOVED)));
        windows.put("movedReason", followUp.text(CALLBACK_TIME_MOVED_REASON));
        windows.put("requestedTime", instant(followUp.text(CALLBACK_REQUESTED_TIME)).map(t -> TabTimes.both(t, zone))
                .orElse(null));
        view.put("windows", windows);
        view.put("noCallback", callbackId == null ? whyNoCallback(followUp, stored.isPresent() || phone != null,
                mayReadHistory) : null);
        view.put("live", null);
        view.put("liveError", null);
        if (callbackId != null) {
            live(followUp, phone, callbackId, status, zone, view);
        }
        view.put("history", mayReadHistory ? new TalkdeskCallHistory(engine).of(followUp) : List.of());
        boolean waiting = followUp.running() && followUps.waitsFor(followUp.id(), Messages.RESCHEDULE_REQUESTED);
        Map<String, Object> actions = new LinkedHashMap<>();
        actions.put("mayUpdate", mayUpdate);
        actions.put("reschedule", mayUpdate && waiting);
        actions.put("cancel", mayUpdate && followUp.running() && (followUps.waitsFor(followUp.id(),
                Messages.CANCELLATION_REQUESTED) || !Boolean.TRUE.equals(followUp.variables().get(CANCELLATION_REQUESTED))));
        actions.put("timezone", zone == null ? null : zone.getId());
        view.put("actions", actions);
        return view;
    }

    private static Map<String, Object> stored(FollowUpSnapshot followUp, Optional<CallbackRequest> request,
            ZoneId zone, String status) {
        Instant scheduled = instant(followUp.text(CALLBACK_SCHEDULED_TIME))
                .orElse(request.map(CallbackRequest::scheduledTime).orElse(null));
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("status", status);
        stored.put("scheduledTime", TabTimes.both(scheduled, zone));
        stored.put("assignType", request.map(r -> (Object) r.assignType().name()).orElse(followUp.text(ASSIGN_TYPE)));
        stored.put("assignees", request.map(r -> (Object) r.assignees()).orElse(followUp.variables().get(ASSIGNEES)
                instanceof Collection<?> list ? list : followUp.text(ASSIGNEES) == null ? List.of()
                        : Arrays.stream(followUp.text(ASSIGNEES).split(",")).map(String::trim).toList()));
        stored.put("callerId", request.map(CallbackRequest::callerId).orElse(followUp.text(CALLER_ID)));
        stored.put("notes", PhoneMask.maskAll(request.map(CallbackRequest::notes).orElse(followUp.text(NOTES))));
        return stored;
    }

    private void live(FollowUpSnapshot followUp, String phone, String callbackId, String status, ZoneId zone,
            Map<String, Object> view) {
        if (services == null) {
            view.put("liveError", "the Talkdesk callbacks engine plugin is not registered in this engine");
            return;
        }
        if (phone == null) {
            view.put("liveError", "the follow-up holds no valid customer number to look the callback up by");
            return;
        }
        Live live = LiveCallbackLookup.of(services.talkdesk()).lookup(services.talkdesk(), services.clock(),
                followUp.id(), phone, callbackId, status + "|" + followUp.text(CALLBACK_SCHEDULED_TIME));
        if (live.failed()) {
            view.put("liveError", live.failure());
            return;
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("fetchedAt", live.fetchedAt().toString());
        shown.put("fetchedAtShown", TabTimes.utc(live.fetchedAt()));
        shown.put("cached", live.cached());
        if (live.callback().isEmpty()) {
            shown.put("status", null);
            shown.put("missing", "Talkdesk no longer lists callback " + callbackId + " for this number");
        } else {
            CallbackResource callback = live.callback().get();
            ZoneId liveZone = Optional.ofNullable(zone(callback.timezone())).orElse(zone);
            shown.put("status", callback.status());
            shown.put("scheduledTime", TabTimes.both(callback.scheduledTimeToCall(), liveZone));
            shown.put("assignType", callback.assignType());
            shown.put("assignees", callback.agents() != null && !callback.agents().isEmpty()
                    ? callback.agents().stream().map(AgentRef::agentId).toList()
                    : callback.ringGroups() == null ? List.of()
                            : callback.ringGroups().stream().map(RingGroupRef::ringGroup).toList());
            shown.put("callerId", callback.callerId());
            shown.put("notes", PhoneMask.maskAll(callback.notes()));
        }
        view.put("live", shown);
    }

    private String whyNoCallback(FollowUpSnapshot followUp, boolean asksForCallback, boolean mayReadHistory) {
        String code = followUp.text(CALLBACK_REJECTION_CODE);
        String status = followUp.text(CALLBACK_STATUS);
        if (!asksForCallback && code == null && status == null) {
            return "this process instance holds no callback request: it books no Talkdesk callback";
        }
        if (Boolean.TRUE.equals(followUp.variables().get(CANCELLATION_REQUESTED)) && !followUp.running()) {
            return "the follow-up was cancelled before a callback was booked";
        }
        String refused = code == null ? "" : ": the request was refused (" + code + ": "
                + PhoneMask.maskAll(followUp.text(CALLBACK_REJECTION_MESSAGE)) + ")";
        if (!followUp.running()) {
            return "the follow-up ended without a callback" + (status == null ? "" : " (" + status + ")") + refused;
        }
        List<String> steps = !mayReadHistory ? List.of() : engine.getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(followUp.id()).unfinished().list().stream()
                .filter(activity -> activity.getActivityName() != null && !activity.getActivityType()
                        .toLowerCase(Locale.ROOT).contains("gateway"))
                .map(activity -> activity.getActivityName()).distinct().toList();
        String where = steps.isEmpty() ? "" : " it is at " + String.join(", ", steps);
        List<String> incidents = engine.getRuntimeService().createIncidentQuery().processInstanceId(followUp.id())
                .list().stream().map(Incident::getIncidentMessage).map(PhoneMask::maskAll).toList();
        return "no callback booked yet" + refused + (where.isEmpty() ? "" : ";" + where)
                + (incidents.isEmpty() ? "" : "; incident: " + String.join("; ", incidents));
    }

    private RawCallbackRequest rawWith(FollowUpSnapshot followUp, String callbackTime, String timezone) {
        Object assignees = followUp.variables().get(ASSIGNEES);
        return new RawCallbackRequest(Optional.ofNullable(followUp.text(TICKET_ID)).orElse(followUp.businessKey()),
                followUp.text(PHONE_NUMBER), followUp.text(PHONE_REGION), callbackTime,
                timezone == null ? followUp.text(TIMEZONE) : timezone, followUp.text(ASSIGN_TYPE), assignees,
                followUp.text(CALLER_ID), followUp.text(INTERACTION_ID), followUp.text(NOTES),
                new RawCallbackRequest.WindowInputs(followUp.text(CALLING_WINDOW), followUp.text(CALLING_HOURS),
                        followUp.text(OUTSIDE_WINDOW)));
    }

    private void forgetLive(String processInstanceId) {
        if (services != null) {
            LiveCallbackLookup.of(services.talkdesk()).forget(processInstanceId);
        }
    }

    /** Runs {@code work} without the caller's engine authorizations, after the tab's own checks. */
    private <T> T asEngine(Supplier<T> work) {
        return WithoutCaller.run(engine.getIdentityService(), work);
    }

    private static Optional<CallbackRequest> storedRequest(FollowUpSnapshot followUp) {
        String json = followUp.text(CALLBACK_REQUEST);
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CallbackRequestJson.read(json));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static ZoneId zone(String text) {
        try {
            return text == null || text.isBlank() ? null : ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static Map<String, Object> nullable(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static Answer problems(List<FieldProblem> problems) {
        return new Answer(400, Map.of("message", "the follow-up request is invalid", "errors", problems.stream()
                .map(p -> Map.of("field", p.field(), "message", p.message())).toList()));
    }

    private static Answer message(int status, String message) {
        return new Answer(status, Map.of("message", message));
    }

    private static Answer unauthenticated() {
        return message(401, "log in to Cockpit first");
    }

    private static Answer notFound(String processInstanceId) {
        return message(404, "no process instance " + processInstanceId);
    }

    private static Answer notInstalled() {
        return message(503, "the Talkdesk callbacks engine plugin is not registered in this engine");
    }
}
