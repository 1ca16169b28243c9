package io.followup.callbacks.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.followup.callbacks.process.SupportFollowUpProcess.Errors;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import io.followup.callbacks.request.AssignType;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.CallbackRequestJson;
import io.followup.callbacks.request.CallbackRequestRules;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.window.CallingWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** The validation step on its own, without an engine: it only maps variables in, calls the factory, maps out. */
class ValidateCallbackRequestDelegateTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final CallbackRequestRules RULES = new CallbackRequestRules("+14155550100", AssignType.SPECIFIC_RING_GROUP,
            List.of("support-tier-1"), null, Duration.ofMinutes(1), 500);

    private final Map<String, Object> variables = new HashMap<>();

    /** A stand-in for the engine's execution: variables in a map, a ticket as business key. */
    private DelegateExecution execution(Map<String, Object> inputs) {
        variables.putAll(inputs);
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getProcessBusinessKey()).thenReturn("T-1");
        when(execution.getProcessInstanceId()).thenReturn("pi-1");
        when(execution.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
        doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1))).when(execution)
                .setVariable(anyString(), any());
        doAnswer(call -> variables.remove(call.<String>getArgument(0))).when(execution).removeVariable(anyString());
        return execution;
    }

    private static ValidateCallbackRequestDelegate delegate(TalkdeskProperties.Windows windows) {
        return new ValidateCallbackRequestDelegate(new CallbackRequestFactory(RULES, CallingWindows.from(windows),
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static TalkdeskProperties.Windows windows() {
        return new TalkdeskProperties().getWindows();
    }

    @Test
    void shouldStoreTheNormalisedRequestAndHowTheWindowsJudgedIt() {
        delegate(windows()).execute(execution(Map.of(Variables.PHONE_NUMBER, "912 345 678", Variables.PHONE_REGION,
                "PT", Variables.CALLBACK_TIME, "2026-12-02T03:30", Variables.TIMEZONE, "Europe/Lisbon")));

        assertThat(CallbackRequestJson.read((String) variables.get(Variables.CALLBACK_REQUEST)).phoneNumber())
                .isEqualTo("+351912345678");
        assertThat(variables).containsEntry(Variables.CALLBACK_SCHEDULED_TIME, "2026-12-02T08:00:00Z")
                .containsEntry(Variables.CALLBACK_REQUESTED_TIME, "2026-12-02T03:30:00Z")
                .containsEntry(Variables.CALLBACK_TIME_MOVED, true)
                .containsEntry(Variables.TIMEZONE_SOURCE, "GIVEN")
                .containsEntry(Variables.CALLBACK_TIMEZONE, "Europe/Lisbon");
    }

    @Test
    void shouldNameEveryBadFieldInTheBpmnErrorAndTheRejectionVariables() {
        DelegateExecution execution = execution(Map.of(Variables.PHONE_NUMBER, "12", Variables.CALLBACK_TIME,
                "yesterday", Variables.TIMEZONE, "Mars/Olympus"));

        assertThatThrownBy(() -> delegate(windows()).execute(execution)).isInstanceOfSatisfying(BpmnError.class,
                error -> {
                    assertThat(error.getErrorCode()).isEqualTo(Errors.INVALID_CALLBACK_REQUEST);
                    assertThat(error.getMessage()).contains("phoneNumber").contains("callbackTime")
                            .contains("timezone");
                });
        assertThat(variables).containsEntry(Variables.CALLBACK_REJECTION_CODE, Errors.INVALID_CALLBACK_REQUEST)
                .doesNotContainKey(Variables.CALLBACK_REQUEST);
    }

    @Test
    void shouldThrowCallbackOutsideWindowForATimeTheRequestSendsToReview() {
        TalkdeskProperties.Windows windows = windows();
        windows.setOutside(io.followup.callbacks.window.OutsideWindow.REVIEW);
        DelegateExecution execution = execution(Map.of(Variables.PHONE_NUMBER, "+351912345678",
                Variables.CALLBACK_TIME, "2026-12-02T03:30", Variables.TIMEZONE, "Europe/Lisbon"));

        assertThatThrownBy(() -> delegate(windows).execute(execution)).isInstanceOfSatisfying(BpmnError.class,
                error -> {
                    assertThat(error.getErrorCode()).isEqualTo(Errors.CALLBACK_OUTSIDE_WINDOW);
                    assertThat(error.getMessage()).contains("the next open time is Wednesday 2 December 08:00");
                });
    }
}
