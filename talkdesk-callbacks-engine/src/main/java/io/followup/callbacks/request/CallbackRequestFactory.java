package io.followup.callbacks.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.followup.callbacks.talkdesk.PhoneMask;
import io.followup.callbacks.window.AmbiguousZone;
import io.followup.callbacks.window.CallingWindows;
import io.followup.callbacks.window.CustomerWindow;
import io.followup.callbacks.window.OutsideWindow;
import io.followup.callbacks.window.TimezoneSource;
import io.followup.callbacks.window.WeeklyHours;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link CallbackRequest} from raw inputs, or collects every problem, each naming its input field.
 *
 * <p>Times: an ISO-8601 instant with an offset ({@code 2026-12-01T10:00:00+01:00}, {@code ...Z}) is taken as is; a
 * local date-time ({@code 2026-12-01T10:00}) is read in {@code timezone}. A local time that falls into a daylight
 * saving gap is moved forward by the length of the gap (02:30 on a spring-forward night becomes 03:30); in an autumn
 * overlap the earlier of the two instants is used. The result must be at least the minimum lead time after now.
 */
public final class CallbackRequestFactory {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackRequestFactory.class);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACCEPTED_UTC_IDS = Set.of("UTC", "Etc/UTC", "GMT", "Etc/GMT");

    private final CallbackRequestRules rules;
    private final CallingWindows windows;
    private final Clock clock;

    /** Without calling windows: any time. */
    public CallbackRequestFactory(CallbackRequestRules rules, Clock clock) {
        this(rules, CallingWindows.NONE, clock);
    }

    public CallbackRequestFactory(CallbackRequestRules rules, CallingWindows windows, Clock clock) {
        this.rules = rules;
        this.windows = windows;
        this.clock = clock;
    }

    /** The calling windows every request is judged by. */
    public CallingWindows windows() {
        return windows;
    }

    /**
     * A problem when a valid request's time is no longer far enough ahead: it passed (or came within the minimum
     * lead time) while Talkdesk could not be reached. A business outcome for the supervisor, never a retry.
     */
    public Optional<FieldProblem> timePassed(CallbackRequest request) {
        if (!request.scheduledTime().isBefore(clock.instant().plus(rules.minimumLeadTime()))) {
            return Optional.empty();
        }
        return Optional.of(new FieldProblem("callbackTime", "the callback time passed while Talkdesk could not be "
                + "reached (it was " + request.scheduledTime().atZone(request.timezone()).toLocalDateTime() + " "
                + request.timezone() + "): set a new time or give up"));
    }

    /** {@code raw} in E.164, read in {@code region} or else the configured default region; empty if not a number. */
    public Optional<String> e164(String raw, String region) {
        return PhoneNumbers.toE164(raw, trimmed(region) == null ? rules.defaultPhoneRegion() : region);
    }

    /**
     * Validates and normalises {@code raw}, then judges its time by the calling windows: a time they do not allow is
     * moved to the earliest one they do ({@code NEXT_SLOT}), or refused with a problem naming {@code callbackTime}
     * ({@code REVIEW}, {@link CallbackRequestValidation#isOutsideWindow()}). An input over its length limit is named
     * and not read further.
     */
    public CallbackRequestValidation validate(RawCallbackRequest raw) {
        return validate(raw, true);
    }

    private CallbackRequestValidation validate(RawCallbackRequest raw, boolean judgeWindows) {
        List<FieldProblem> problems = new ArrayList<>();
        raw = withinLimits(raw, problems);
        String ticketId = trimmed(raw.ticketId());
        if (ticketId == null) {
            problems.add(new FieldProblem("ticketId", "is required (the ticket this follow-up belongs to)"));
        }
        String region = region(raw.phoneRegion(), problems);
        String phone = phone("phoneNumber", raw.phoneNumber(), region, true, problems);
        CustomerZone zone = zone(raw.timezone(), phone, problems);
        Instant time = time(raw.callbackTime(), zone, raw.timezone(), problems);
        AssignType assignType = assignType(raw.assignType(), problems);
        List<String> assignees = assignees(raw.assignees(), assignType, problems);
        String callerIdInput = trimmed(raw.callerId()) == null ? rules.defaultCallerId() : raw.callerId();
        String callerId = phone("callerId", callerIdInput, region, true, problems);
        CallingWindows.Overrides overrides = overrides(raw.windows(), problems);
        if (!problems.isEmpty()) {
            return CallbackRequestValidation.invalid(problems);
        }
        CallbackRequest request = new CallbackRequest(ticketId, phone, time, zone.zone(), assignType, assignees,
                callerId, trimmed(raw.interactionId()), notes(raw.notes()));
        if (!judgeWindows) {
            return CallbackRequestValidation.valid(request, new WindowOutcome(zone.source(), zone.all(), time, false,
                    null, null));
        }
        CallingWindows.Verdict verdict = windows.judge(time, zone.all(), assignType, assignees, overrides,
                clock.instant());
        if (verdict instanceof CallingWindows.Outside outside) {
            return CallbackRequestValidation.outsideWindow(new FieldProblem("callbackTime", outside.message()));
        }
        if (verdict instanceof CallingWindows.Moved moved) {
            LOG.info("TDCB-R020 callback time of ticket {} moved from {} to {}: {}", ticketId, moved.requested(),
                    moved.time(), moved.reason());
            String notes = notes(moved.reason() + (request.notes() == null ? "" : " | " + request.notes()));
            return CallbackRequestValidation.valid(new CallbackRequest(ticketId, phone, moved.time(), zone.zone(),
                    assignType, assignees, callerId, request.interactionId(), notes), new WindowOutcome(
                            zone.source(), zone.all(), time, true, moved.reason(), moved.applied()));
        }
        return CallbackRequestValidation.valid(request, new WindowOutcome(zone.source(), zone.all(), time, false,
                null, verdict.applied()));
    }

    /** The customer's zone, where it came from, and every zone of a safe window. */
    private record CustomerZone(ZoneId zone, TimezoneSource source, List<ZoneId> all) {

        static final CustomerZone UNKNOWN = new CustomerZone(null, null, List.of());
    }

    private CallingWindows.Overrides overrides(RawCallbackRequest.WindowInputs inputs, List<FieldProblem> problems) {
        CustomerWindow customer = choice("callingWindow", inputs.callingWindow(), CustomerWindow::parse,
                CustomerWindow.values(), problems);
        WeeklyHours hours = null;
        if (trimmed(inputs.callingHours()) != null) {
            try {
                hours = WeeklyHours.parse(inputs.callingHours());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("callingHours", e.getMessage()));
            }
        }
        if (customer == CustomerWindow.CUSTOM && hours == null && trimmed(inputs.callingHours()) == null
                && !windows.hasCustomerHours()) {
            problems.add(new FieldProblem("callingHours", "is required with callingWindow CUSTOM (such as "
                    + "MON-FRI 09:00-20:00)"));
        }
        if (hours != null && customer == null) {
            customer = CustomerWindow.CUSTOM;
        }
        OutsideWindow outside = choice("outsideWindow", inputs.outsideWindow(), OutsideWindow::parse,
                OutsideWindow.values(), problems);
        return new CallingWindows.Overrides(customer, hours, outside);
    }

    /** The value {@code raw} names, null when it is empty; one not among {@code values} is a problem of {@code field}. */
    private static <E extends Enum<E>> E choice(String field, String raw, Function<String, Optional<E>> parse,
            E[] values, List<FieldProblem> problems) {
        if (trimmed(raw) == null) {
            return null;
        }
        return parse.apply(raw).orElseGet(() -> {
            problems.add(new FieldProblem(field, "'" + raw.strip() + "' is not supported: use "
                    + Arrays.toString(values)));
            return null;
        });
    }

    /**
     * Judges only what a look for active callbacks needs: {@code phoneNumber} (with {@code phoneRegion}) and, when a
     * {@code callbackTime} is given, that it and {@code timezone} are valid and far enough ahead. Assignment and
     * caller ID are left to the step that books; the ticket is optional here (it only makes the ticket's own
     * callback preferred).
     */
    public CallbackLookup validateLookup(RawCallbackRequest raw) {
        CallbackRequestValidation full = validate(raw, false);
        if (full.isValid()) {
            return CallbackLookup.of(full.request());
        }
        Set<String> judged = trimmed(raw.callbackTime()) == null ? LOOKUP_FIELDS : TIMED_LOOKUP_FIELDS;
        List<FieldProblem> problems = full.problems().stream().filter(p -> judged.contains(p.field())).toList();
        String phone = problems.isEmpty() ? e164(raw.phoneNumber(), raw.phoneRegion()).orElse(null) : null;
        return new CallbackLookup(trimmed(raw.ticketId()), phone, problems);
    }

    private static final Set<String> LOOKUP_FIELDS = Set.of("phoneNumber", "phoneRegion");
    private static final Set<String> TIMED_LOOKUP_FIELDS = Set.of("phoneNumber", "phoneRegion", "callbackTime",
            "timezone");

    /**
     * The longest accepted input per field: the ticket id is the follow-up's business key (255 in Camunda's
     * tables); the others are far above any real value and keep every input well inside a process variable.
     */
    public static final int MAX_TICKET_ID = 255;
    static final int MAX_SHORT_TEXT = 64;
    static final int MAX_INTERACTION_ID = 128;
    static final int MAX_ASSIGNEES = 2000;
    static final int MAX_HOURS = 500;
    /** Notes longer than this are refused; up to it they are cut to {@code talkdesk.callbacks.notes-max-length}. */
    static final int MAX_NOTES = 3000;

    private static RawCallbackRequest withinLimits(RawCallbackRequest raw, List<FieldProblem> problems) {
        Object assignees = raw.assignees();
        if (assignees != null && assignees.toString().length() > MAX_ASSIGNEES) {
            problems.add(tooLong("assignees", assignees.toString(), MAX_ASSIGNEES));
            assignees = null;
        } else if (assignees instanceof Collection<?> list && list.stream().anyMatch(v -> v != null
                && !(v instanceof String) && !(v instanceof Number))) {
            problems.add(new FieldProblem("assignees", "must be a JSON array of strings or a comma-separated string"));
            assignees = null;
        }
        return new RawCallbackRequest(limit("ticketId", raw.ticketId(), MAX_TICKET_ID, problems),
                limit("phoneNumber", raw.phoneNumber(), MAX_SHORT_TEXT, problems),
                limit("phoneRegion", raw.phoneRegion(), MAX_SHORT_TEXT, problems),
                limit("callbackTime", raw.callbackTime(), MAX_SHORT_TEXT, problems),
                limit("timezone", raw.timezone(), MAX_SHORT_TEXT, problems),
                limit("assignType", raw.assignType(), MAX_SHORT_TEXT, problems), assignees,
                limit("callerId", raw.callerId(), MAX_SHORT_TEXT, problems),
                limit("interactionId", raw.interactionId(), MAX_INTERACTION_ID, problems),
                limit("notes", raw.notes(), MAX_NOTES, problems), new RawCallbackRequest.WindowInputs(
                        limit("callingWindow", raw.windows().callingWindow(), MAX_SHORT_TEXT, problems),
                        limit("callingHours", raw.windows().callingHours(), MAX_HOURS, problems),
                        limit("outsideWindow", raw.windows().outsideWindow(), MAX_SHORT_TEXT, problems)));
    }

    private static String limit(String field, String value, int max, List<FieldProblem> problems) {
        if (value == null || value.length() <= max) {
            return value;
        }
        problems.add(tooLong(field, value, max));
        return "";
    }

    private static FieldProblem tooLong(String field, String value, int max) {
        return new FieldProblem(field, "is " + value.length() + " characters long; at most " + max + " are accepted");
    }

    private String region(String raw, List<FieldProblem> problems) {
        String region = trimmed(raw);
        if (region == null) {
            return rules.defaultPhoneRegion();
        }
        if (!PhoneNumbers.isKnownRegion(region)) {
            problems.add(new FieldProblem("phoneRegion", "'" + region + "' is not a known region code; use an "
                    + "ISO 3166 code such as PT, US or GB"));
            return null;
        }
        return region;
    }

    private static String phone(String field, String raw, String region, boolean required,
            List<FieldProblem> problems) {
        if (trimmed(raw) == null) {
            if (required) {
                problems.add(new FieldProblem(field, field.equals("callerId")
                        ? "is required: give a caller ID in E.164 or configure talkdesk.callbacks.default-caller-id"
                        : "is required (E.164 such as +351912345678, or a national number with phoneRegion)"));
            }
            return null;
        }
        return PhoneNumbers.toE164(raw, region).orElseGet(() -> {
            problems.add(new FieldProblem(field, "'" + PhoneMask.mask(raw) + "' is not a valid phone number: use "
                    + "E.164 (+ and country code) or a national number with phoneRegion"));
            return null;
        });
    }

    /**
     * The customer's zone: as given (an IANA region), else from the number when it maps to one zone; a number of
     * several zones gets the safe window (all of them) or a problem, by {@code talkdesk.windows.ambiguous-zone}.
     */
    private CustomerZone zone(String raw, String phone, List<FieldProblem> problems) {
        String text = trimmed(raw);
        if (text == null) {
            if (phone == null) {
                return CustomerZone.UNKNOWN;
            }
            List<ZoneId> zones = PhoneNumbers.zonesOf(phone);
            if (zones.size() == 1) {
                return new CustomerZone(zones.get(0), TimezoneSource.NUMBER, zones);
            }
            if (zones.isEmpty()) {
                problems.add(new FieldProblem("timezone", "is required: the number does not tell the customer's "
                        + "zone (give an IANA time zone such as Europe/Lisbon)"));
                return CustomerZone.UNKNOWN;
            }
            if (windows.ambiguousZone() == AmbiguousZone.REVIEW) {
                problems.add(new FieldProblem("timezone", "is required: the number maps to " + zones.size()
                        + " zones (" + zoneList(zones) + "), so the customer's zone cannot be told from it"));
                return CustomerZone.UNKNOWN;
            }
            return new CustomerZone(zones.get(0), TimezoneSource.SAFE_WINDOW, zones);
        }
        try {
            ZoneId zone = ZoneId.of(text);
            if (zone instanceof ZoneOffset || !ACCEPTED_UTC_IDS.contains(text) && !text.contains("/")) {
                throw new DateTimeException("not a region");
            }
            return new CustomerZone(zone, TimezoneSource.GIVEN, List.of(zone));
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("timezone", "'" + text + "' is not an IANA time zone such as "
                    + "Europe/Lisbon or America/New_York"));
            return CustomerZone.UNKNOWN;
        }
    }

    private static String zoneList(List<ZoneId> zones) {
        List<String> ids = zones.stream().map(ZoneId::getId).toList();
        return ids.size() <= 4 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 4)) + ", ...";
    }

    private Instant time(String raw, CustomerZone customerZone, String rawZone, List<FieldProblem> problems) {
        ZoneId zone = customerZone.source() == TimezoneSource.SAFE_WINDOW ? null : customerZone.zone();
        String text = trimmed(raw);
        if (text == null) {
            problems.add(new FieldProblem("callbackTime", "is required (ISO-8601, such as 2026-12-01T10:00:00Z or "
                    + "2026-12-01T10:00 in the customer's timezone)"));
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(text);
            } catch (DateTimeParseException notLocal) {
                problems.add(new FieldProblem("callbackTime", "'" + text + "' is not an ISO-8601 date-time: use "
                        + "2026-12-01T10:00:00Z, 2026-12-01T10:00:00+01:00 or 2026-12-01T10:00 (read in timezone)"));
                return null;
            }
            if (zone == null) {
                if (customerZone.source() == TimezoneSource.SAFE_WINDOW) {
                    problems.add(new FieldProblem("callbackTime", "is a local time, and the number maps to "
                            + customerZone.all().size() + " zones (" + zoneList(customerZone.all()) + "): give "
                            + "timezone, or a time with an offset such as 2026-12-01T10:00:00-05:00"));
                } else if (trimmed(rawZone) != null) {
                    problems.add(new FieldProblem("callbackTime", "is a local time and cannot be read without a "
                            + "valid timezone"));
                }
                return null;
            }
            instant = ZonedDateTime.ofLocal(local, zone, null).toInstant();
        }
        Instant earliest = clock.instant().plus(rules.minimumLeadTime());
        if (instant.isBefore(earliest)) {
            long minutes = Math.max(1, rules.minimumLeadTime().toMinutes());
            problems.add(new FieldProblem("callbackTime", instant + " is too soon: a callback must be at least "
                    + minutes + (minutes == 1 ? " minute" : " minutes") + " in the future"));
            return null;
        }
        return instant;
    }

    private AssignType assignType(String raw, List<FieldProblem> problems) {
        return trimmed(raw) == null ? rules.defaultAssignType()
                : choice("assignType", raw, AssignType::parse, AssignType.values(), problems);
    }

    private List<String> assignees(Object raw, AssignType assignType, List<FieldProblem> problems) {
        List<String> values;
        try {
            values = assigneeList(raw);
        } catch (JsonProcessingException e) {
            problems.add(new FieldProblem("assignees", "is not a valid JSON array of strings, such as "
                    + "[\"agent-1\",\"agent-2\"]"));
            return null;
        }
        if (values.isEmpty()) {
            values = rules.defaultAssignees();
        }
        List<String> cleaned = List.copyOf(new LinkedHashSet<>(values.stream().filter(Objects::nonNull)
                .map(String::strip).filter(s -> !s.isEmpty()).toList()));
        if (cleaned.isEmpty()) {
            problems.add(new FieldProblem("assignees", assignType == AssignType.SPECIFIC_AGENT
                    ? "at least one agent id is needed for SPECIFIC_AGENT"
                    : assignType == AssignType.SPECIFIC_RING_GROUP
                            ? "at least one ring group name is needed for SPECIFIC_RING_GROUP"
                            : "at least one agent id or ring group name is needed"));
            return null;
        }
        return cleaned;
    }

    private static List<String> assigneeList(Object raw) throws JsonProcessingException {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof Collection<?> collection) {
            return collection.stream().map(v -> v == null ? null : v.toString()).toList();
        }
        String text = raw.toString().strip();
        if (text.isEmpty()) {
            return List.of();
        }
        if (text.startsWith("[")) {
            return JSON.readValue(text, new TypeReference<List<String>>() { });
        }
        return Arrays.asList(text.split(","));
    }

    /**
     * {@code raw} notes as a request keeps them: trimmed, null when empty, cut to
     * {@code talkdesk.callbacks.notes-max-length}.
     */
    public String notes(String raw) {
        String text = trimmed(raw);
        if (text == null) {
            return null;
        }
        if (text.length() <= rules.notesMaxLength()) {
            return text;
        }
        LOG.info("TDCB-R010 notes cut from {} to {} characters (talkdesk.callbacks.notes-max-length)", text.length(),
                rules.notesMaxLength());
        return text.substring(0, rules.notesMaxLength());
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        return text.isEmpty() ? null : text;
    }
}
