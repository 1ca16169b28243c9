package io.followup.callbacks.process;

import java.util.List;

/**
 * The backing constants of the {@code support-follow-up} process: its key, messages, BPMN element ids,
 * variable names, statuses and error codes. BPMN, delegates, web entry points and tests use these, so no id
 * is ever a repeated string literal.
 */
public final class SupportFollowUpProcess {

    public static final String PROCESS_KEY = "support-follow-up";

    private SupportFollowUpProcess() {
    }

    /** Message names. */
    public static final class Messages {
        public static final String TICKET_RESOLVED = "SupportTicketResolved";
        public static final String CANCELLATION_REQUESTED = "CallbackCancellationRequested";
        /**
         * Moves the booked callback while the follow-up waits for it: carries the new {@code callbackTime} (and, if
         * the customer's zone changed, {@code timezone}), validated again before "Update callback".
         */
        public static final String RESCHEDULE_REQUESTED = "CallbackRescheduleRequested";

        private Messages() {
        }
    }

    /** Input and output variable names, as documented in the README. */
    public static final class Variables {
        public static final String TICKET_ID = "ticketId";
        public static final String PHONE_NUMBER = "phoneNumber";
        public static final String PHONE_REGION = "phoneRegion";
        public static final String CALLBACK_TIME = "callbackTime";
        public static final String TIMEZONE = "timezone";
        public static final String ASSIGN_TYPE = "assignType";
        public static final String ASSIGNEES = "assignees";
        public static final String CALLER_ID = "callerId";
        public static final String INTERACTION_ID = "interactionId";
        public static final String NOTES = "notes";
        /** A request's own calling window: NONE, US_TCPA, UK_OFCOM or CUSTOM (else talkdesk.windows.customer). */
        public static final String CALLING_WINDOW = "callingWindow";
        /** The customer's hours of a CUSTOM calling window, such as {@code MON-FRI 09:00-20:00}. */
        public static final String CALLING_HOURS = "callingHours";
        /** A request's own NEXT_SLOT or REVIEW for a time outside the windows (else talkdesk.windows.outside). */
        public static final String OUTSIDE_WINDOW = "outsideWindow";

        /** Set by the validation: where the customer's zone came from, GIVEN, NUMBER or SAFE_WINDOW. */
        public static final String TIMEZONE_SOURCE = "timezoneSource";
        /** Set by the validation: the customer's IANA zone the callback is booked with. */
        public static final String CALLBACK_TIMEZONE = "callbackTimezone";
        /** Set by the validation: the time asked for, as an ISO-8601 instant (before any move). */
        public static final String CALLBACK_REQUESTED_TIME = "callbackRequestedTime";
        /** Set by the validation: true when the time asked for was outside the windows and was moved. */
        public static final String CALLBACK_TIME_MOVED = "callbackTimeMoved";
        /** Set by the validation: why and where the time was moved, in plain words (null when it was not). */
        public static final String CALLBACK_TIME_MOVED_REASON = "callbackTimeMovedReason";
        /** Set by the validation: the calling windows and opening hours that applied, in plain words. */
        public static final String CALLING_WINDOWS = "callingWindows";

        public static final String CALLBACK_ID = "callbackId";
        public static final String CALLBACK_STATUS = "callbackStatus";
        public static final String CALLBACK_SCHEDULED_TIME = "callbackScheduledTime";
        public static final String CALLBACK_REJECTION_CODE = "callbackRejectionCode";
        public static final String CALLBACK_REJECTION_MESSAGE = "callbackRejectionMessage";
        /** The technical side of a rejection (code, HTTP status, request) for operators; the message is plain. */
        public static final String CALLBACK_REJECTION_DETAIL = "callbackRejectionDetail";

        /**
         * Set by "Validate callback request": the normalised request as JSON (E.164 numbers, UTC instant, zone,
         * assignment, capped notes, ticket), which every later step reads instead of the raw inputs.
         */
        public static final String CALLBACK_REQUEST = "callbackRequest";

        /** Set by "Find active callback": true when an active callback for the number exists. */
        public static final String ACTIVE_CALLBACK_FOUND = "activeCallbackFound";
        /** Set by the post-call check: the final Talkdesk status of the booked callback. */
        public static final String CALLBACK_OUTCOME = "callbackOutcome";
        /**
         * Set by a cancellation that arrived while the follow-up could not act on it (booking, review): honoured when
         * the callback is booked (it is cancelled at once) or when the review ends (the follow-up ends).
         */
        public static final String CANCELLATION_REQUESTED = "cancellationRequested";
        /** Set by "Cancel callback" when the callback stays because other tickets' follow-ups still need it. */
        public static final String CALLBACK_SHARED_WITH = "callbackSharedWith";

        /** Set by the review task: {@code true} to give up, otherwise the corrected values go round again. */
        public static final String REVIEW_GIVE_UP = "reviewGiveUp";
        /** Set by the post-call check: why the follow-up needs a supervisor, in plain words (null when it does not). */
        public static final String CALLBACK_OUTCOME_REASON = "callbackOutcomeReason";
        /** Set by the post-call check: how many times it found the callback still waiting to be called. */
        public static final String CALLBACK_OUTCOME_CHECKS = "callbackOutcomeChecks";
        /** The ISO-8601 instant the post-call check timer waits for (scheduled time plus grace period). */
        public static final String CALLBACK_CHECK_TIME = "callbackCheckTime";

        private Variables() {
        }
    }

    /** Values of {@link Variables#CALLBACK_STATUS}. */
    public static final class Status {
        public static final String SCHEDULED = "SCHEDULED";
        public static final String UPDATED = "UPDATED";
        public static final String CANCELLED = "CANCELLED";
        public static final String REJECTED = "REJECTED";

        private Status() {
        }
    }

    /** Values of {@link Variables#CALLBACK_OUTCOME} besides Talkdesk's final statuses. */
    public static final class Outcomes {
        public static final String SUCCESS = "SUCCESS";
        /** Still waiting to be called: the follow-up looks again later. */
        public static final String PENDING = "PENDING";
        /** Still waiting to be called after the last look: a supervisor takes over. */
        public static final String STILL_PENDING = "STILL_PENDING";
        /** Talkdesk no longer lists the callback. */
        public static final String NOT_FOUND = "NOT_FOUND";
        /** Talkdesk refused the lookup with a 4xx. */
        public static final String CHECK_REFUSED = "CHECK_REFUSED";
        /** Talkdesk refused to cancel the callback: the supervisor cancels it in Talkdesk's Callback Manager. */
        public static final String CANCEL_REFUSED = "CANCEL_REFUSED";

        private Outcomes() {
        }
    }

    /** BPMN error codes thrown by the delegates and caught by the model. */
    public static final class Errors {
        public static final String INVALID_CALLBACK_REQUEST = "INVALID_CALLBACK_REQUEST";
        public static final String CALLBACK_REJECTED = "CALLBACK_REJECTED";
        public static final String CALLBACK_NOT_FOUND = "CALLBACK_NOT_FOUND";
        /**
         * The time is outside the calling windows and may not be moved ({@code REVIEW}), is beyond the booking
         * horizon, or no time within it suits every window. Thrown only where the model catches it; elsewhere the
         * step throws {@link #INVALID_CALLBACK_REQUEST} with the same message.
         */
        public static final String CALLBACK_OUTSIDE_WINDOW = "CALLBACK_OUTSIDE_WINDOW";

        private Errors() {
        }
    }

    /** Delegate bean names, as used in {@code camunda:delegateExpression="${...}"}. */
    public static final class Delegates {
        public static final String VALIDATE = "validateCallbackRequest";
        public static final String FIND_ACTIVE = "findActiveCallback";
        public static final String SCHEDULE = "scheduleCallback";
        public static final String UPDATE = "updateCallback";
        public static final String CANCEL = "cancelCallback";
        public static final String CHECK_OUTCOME = "checkCallbackOutcome";
        /** Every one of the above, in this order. */
        public static final List<String> ALL = List.of(VALIDATE, FIND_ACTIVE, SCHEDULE, UPDATE, CANCEL, CHECK_OUTCOME);

        private Delegates() {
        }
    }

    /** BPMN element ids, as shown in Cockpit. */
    public static final class Elements {
        public static final String START_TICKET_RESOLVED = "Start_TicketResolved";
        public static final String START_MANUAL = "Start_CallbackRequested";
        public static final String TASK_VALIDATE = "Task_ValidateCallbackRequest";
        public static final String TASK_FIND_ACTIVE = "Task_FindActiveCallback";
        public static final String TASK_SCHEDULE = "Task_ScheduleCallback";
        public static final String TASK_UPDATE = "Task_UpdateCallback";
        public static final String TASK_REVIEW = "Task_ReviewCallbackRequest";
        public static final String TASK_CANCEL = "Task_CancelCallback";
        public static final String TASK_CHECK_OUTCOME = "Task_CheckCallbackOutcome";
        public static final String TASK_ESCALATE = "Task_FollowUpMissedCallback";
        public static final String TIMER_AWAIT_CALLBACK = "Timer_AwaitCallbackTime";
        public static final String GATEWAY_AWAIT_CALLBACK = "Gateway_AwaitCallback";
        public static final String GATEWAY_CANCELLATION_PENDING = "Gateway_CancellationPending";
        public static final String GATEWAY_ACTIVE_CALLBACK_FOUND = "Gateway_ActiveCallbackFound";
        public static final String GATEWAY_REVIEW_DECISION = "Gateway_ReviewDecision";
        /** After the missed-callback task: a callback still scheduled (or of unknown state) is cancelled. */
        public static final String GATEWAY_STILL_SCHEDULED = "Gateway_StillScheduled";
        public static final String EVENT_INVALID_REQUEST = "Event_InvalidRequest";
        public static final String EVENT_OUTSIDE_WINDOW = "Event_OutsideWindow";
        public static final String EVENT_FIND_TIME_PASSED = "Event_FindTimePassed";
        public static final String EVENT_SCHEDULE_TIME_PASSED = "Event_ScheduleTimePassed";
        public static final String EVENT_UPDATE_TIME_PASSED = "Event_UpdateTimePassed";
        public static final String EVENT_SCHEDULE_REJECTED = "Event_ScheduleRejected";
        public static final String EVENT_UPDATE_REJECTED = "Event_UpdateRejected";
        public static final String EVENT_UPDATE_TARGET_GONE = "Event_UpdateTargetGone";
        public static final String EVENT_CANCEL_TARGET_GONE = "Event_CancelTargetGone";
        public static final String EVENT_FIND_REJECTED = "Event_FindRejected";
        public static final String EVENT_CANCEL_REJECTED = "Event_CancelRejected";
        public static final String EVENT_CANCELLATION_REQUESTED = "Event_CancellationRequested";
        public static final String EVENT_RESCHEDULE_REQUESTED = "Event_RescheduleRequested";
        public static final String TASK_VALIDATE_RESCHEDULE = "Task_ValidateReschedule";
        public static final String EVENT_RESCHEDULE_INVALID = "Event_RescheduleInvalid";
        public static final String END_BOOKED = "End_CallbackCompleted";
        public static final String END_REJECTED = "End_CallbackGivenUp";
        public static final String END_CANCELLED = "End_CallbackCancelled";
        public static final String END_ESCALATED = "End_MissedCallbackHandled";

        private Elements() {
        }
    }

    /** Candidate groups of the user tasks. */
    public static final class Groups {
        public static final String SUPERVISORS = "supervisors";

        private Groups() {
        }
    }
}
