package io.followup.callbacks.sandbox;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sandbox's callbacks, in creation order, with Talkdesk's rules: E.164 numbers, at least the minimum lead time,
 * PREVIEW only, known agents, ring groups and caller IDs. Thread-safe.
 */
public class SandboxCallbackStore {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");
    private static final Set<String> PATCH_PATHS = Set.of("/timeToCall", "/phoneNumber", "/timezone", "/assignType",
            "/agents", "/ringGroups", "/callerId", "/notes");

    private final SandboxProperties properties;
    private final Clock clock;
    private final Map<String, SandboxCallback> callbacks = new LinkedHashMap<>();
    private final Map<String, Set<String>> idsByPhone = new HashMap<>();

    public SandboxCallbackStore(SandboxProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates a callback from a create body, or throws a 400/422 naming every bad field. */
    public synchronized Map<String, Object> create(Map<String, Object> body) {
        List<Map<String, String>> missing = new ArrayList<>();
        for (String field : List.of("phone_number", "scheduled_time_to_call", "timezone", "assign_type", "caller_id",
                "dialing_model")) {
            if (!(body.get(field) instanceof String text) || text.isBlank()) {
                missing.add(field(field, "is required"));
            }
        }
        if (!missing.isEmpty()) {
            throw new SandboxException(400, "BAD_REQUEST", "Missing or malformed required fields", missing);
        }
        SandboxCallback callback = new SandboxCallback(UUID.randomUUID().toString(), clock.instant());
        List<Map<String, String>> problems = new ArrayList<>();
        callback.phoneNumber = (String) body.get("phone_number");
        callback.timeToCall = instant((String) body.get("scheduled_time_to_call"), "scheduled_time_to_call", problems);
        callback.timezone = (String) body.get("timezone");
        callback.assignType = (String) body.get("assign_type");
        callback.agents = ids(body.get("agents"), "agent_id", "agents", problems);
        callback.ringGroups = ids(body.get("ring_groups"), "ring_group", "ring_groups", problems);
        callback.callerId = (String) body.get("caller_id");
        callback.interactionId = text(body.get("interaction_id"));
        callback.notes = text(body.get("notes"));
        if (!"PREVIEW".equals(body.get("dialing_model"))) {
            problems.add(field("dialing_model", "only PREVIEW is supported"));
        }
        check(callback, true, problems);
        callbacks.put(callback.id, callback);
        index(callback);
        return callback.toJson();
    }

    /** Applies a JSON Patch of {@code replace} operations, or throws 400/404/409/422. */
    public synchronized Map<String, Object> patch(String id, List<Map<String, Object>> operations) {
        SandboxCallback current = existing(id);
        if (!current.isActive()) {
            throw new SandboxException(409, "CALLBACK_NOT_EDITABLE", "Callback is " + current.status
                    + " and can no longer be changed");
        }
        SandboxCallback changed = current.copy();
        List<Map<String, String>> problems = new ArrayList<>();
        boolean timeChanged = false;
        for (Map<String, Object> operation : operations) {
            Object path = operation.get("path");
            if (!"replace".equals(operation.get("op")) || !(path instanceof String p) || !PATCH_PATHS.contains(p)) {
                throw new SandboxException(400, "BAD_REQUEST", "Only replace operations on " + PATCH_PATHS
                        + " are supported, got " + operation.get("op") + " " + path);
            }
            Object value = operation.get("value");
            switch (p) {
                case "/timeToCall" -> {
                    changed.timeToCall = instant(text(value), "timeToCall", problems);
                    timeChanged = true;
                }
                case "/phoneNumber" -> changed.phoneNumber = text(value);
                case "/timezone" -> changed.timezone = text(value);
                case "/assignType" -> changed.assignType = text(value);
                case "/agents" -> changed.agents = strings(value, "agents", problems);
                case "/ringGroups" -> changed.ringGroups = strings(value, "ringGroups", problems);
                case "/callerId" -> changed.callerId = text(value);
                default -> changed.notes = text(value);
            }
        }
        check(changed, timeChanged, problems);
        callbacks.put(id, changed);
        if (!changed.phoneNumber.equals(current.phoneNumber)) {
            idsByPhone.getOrDefault(current.phoneNumber, new LinkedHashSet<>()).remove(id);
            index(changed);
        }
        return changed.toJson();
    }

    /** Cancels an active callback, or throws 404/409. */
    public synchronized void cancel(String id) {
        SandboxCallback callback = existing(id);
        if (!callback.isActive()) {
            throw new SandboxException(409, "CALLBACK_NOT_EDITABLE", "Callback is " + callback.status
                    + " and can no longer be canceled");
        }
        callback.status = "CANCELED";
    }

    /** One page of the callbacks matching the filters, in creation order. */
    public synchronized Page list(String phoneNumber, String status, Set<String> agentIds, int page, int perPage) {
        Predicate<SandboxCallback> matches = c -> (phoneNumber == null || phoneNumber.equals(c.phoneNumber))
                && (status == null || status.equals(c.status))
                && (agentIds.isEmpty() || c.agents.stream().anyMatch(agentIds::contains));
        Stream<SandboxCallback> candidates = phoneNumber == null ? callbacks.values().stream()
                : idsByPhone.getOrDefault(phoneNumber, new LinkedHashSet<>()).stream().map(callbacks::get)
                        .sorted(Comparator.comparing((SandboxCallback c) -> c.createdAt));
        List<SandboxCallback> all = candidates.filter(matches).toList();
        int from = Math.min((page - 1) * perPage, all.size());
        int to = Math.min(from + perPage, all.size());
        return new Page(all.subList(from, to).stream().map(SandboxCallback::toJson).toList(), all.size());
    }

    /** Moves a callback to any status, as a person in Talkdesk's Callback Manager or a dialer would. */
    public synchronized Map<String, Object> setStatus(String id, String status) {
        if (!SandboxCallback.STATUSES.contains(status)) {
            throw new SandboxException(422, "INVALID_STATUS", "status must be one of " + SandboxCallback.STATUSES,
                    List.of(field("status", "unknown status " + status)));
        }
        SandboxCallback callback = existing(id);
        callback.status = status;
        return callback.toJson();
    }

    /** Every callback, in creation order. */
    public synchronized List<Map<String, Object>> all() {
        return callbacks.values().stream().map(SandboxCallback::toJson).toList();
    }

    /** Forgets every callback. */
    public synchronized void clear() {
        callbacks.clear();
        idsByPhone.clear();
    }

    /** A page of callbacks and the total count matching the filters. */
    public record Page(List<Map<String, Object>> callbacks, int total) {
    }

    /** Keeps the list by number from scanning every callback. */
    private void index(SandboxCallback callback) {
        idsByPhone.computeIfAbsent(callback.phoneNumber, key -> new LinkedHashSet<>()).add(callback.id);
    }

    private SandboxCallback existing(String id) {
        SandboxCallback callback = callbacks.get(id);
        if (callback == null) {
            throw new SandboxException(404, "CALLBACK_NOT_FOUND", "Callback " + id + " not found");
        }
        return callback;
    }

    private void check(SandboxCallback callback, boolean checkLeadTime, List<Map<String, String>> problems) {
        if (callback.phoneNumber == null || !E164.matcher(callback.phoneNumber).matches()) {
            problems.add(field("phone_number", "must be a phone number in E.164 format"));
        }
        if (callback.callerId == null || !E164.matcher(callback.callerId).matches()) {
            problems.add(field("caller_id", "must be a phone number in E.164 format"));
        } else if (!properties.getCallerIds().contains(callback.callerId)) {
            problems.add(field("caller_id", "is not a number owned by the account"));
        }
        if (checkLeadTime && callback.timeToCall != null
                && callback.timeToCall.isBefore(clock.instant().plus(properties.getMinimumLeadTime()))) {
            problems.add(field("scheduled_time_to_call", "must be at least "
                    + properties.getMinimumLeadTime().toSeconds() + " seconds in the future"));
        }
        try {
            if (callback.timezone == null || ZoneId.of(callback.timezone) instanceof ZoneOffset) {
                problems.add(field("timezone", "must be an IANA time zone"));
            }
        } catch (DateTimeException e) {
            problems.add(field("timezone", "must be an IANA time zone"));
        }
        if ("SPECIFIC_AGENT".equals(callback.assignType)) {
            if (callback.agents.isEmpty()) {
                problems.add(field("agents", "at least one agent is required for SPECIFIC_AGENT"));
            }
            callback.agents.stream().filter(a -> !properties.getAgents().contains(a))
                    .forEach(a -> problems.add(field("agents", "agent " + a + " cannot receive callbacks")));
            callback.ringGroups = List.of();
        } else if ("SPECIFIC_RING_GROUP".equals(callback.assignType)) {
            if (callback.ringGroups.isEmpty()) {
                problems.add(field("ring_groups", "at least one ring group is required for SPECIFIC_RING_GROUP"));
            }
            callback.ringGroups.stream().filter(r -> !properties.getRingGroups().contains(r))
                    .forEach(r -> problems.add(field("ring_groups", "ring group " + r + " cannot receive callbacks")));
            callback.agents = List.of();
        } else {
            problems.add(field("assign_type", "API-created callbacks must use SPECIFIC_AGENT or SPECIFIC_RING_GROUP"));
        }
        if (!problems.isEmpty()) {
            throw new SandboxException(422, "INVALID_CALLBACK", "The callback is invalid", problems);
        }
    }

    private static Instant instant(String text, String field, List<Map<String, String>> problems) {
        try {
            if (text == null || !text.endsWith("Z")) {
                throw new DateTimeParseException("no Z", String.valueOf(text), 0);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(field(field, "must be an ISO-8601 instant in UTC ending with Z"));
            return null;
        }
    }

    private static List<String> ids(Object value, String key, String field, List<Map<String, String>> problems) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(i -> i instanceof Map<?, ?> m
                && m.get(key) instanceof String)) {
            return list.stream().map(i -> (String) ((Map<?, ?>) i).get(key)).toList();
        }
        problems.add(field(field, "must be a list of {\"" + key + "\": \"...\"} objects"));
        return List.of();
    }

    private static List<String> strings(Object value, String field, List<Map<String, String>> problems) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        problems.add(field(field, "must be a list of plain strings"));
        return List.of();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, String> field(String name, String description) {
        return Map.of("name", name, "description", description);
    }
}
