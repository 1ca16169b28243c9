package io.followup.callbacks.delegate;

import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_ID;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_REQUEST;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.CALLBACK_OUTCOME;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.PHONE_NUMBER;
import static io.followup.callbacks.process.SupportFollowUpProcess.Variables.PHONE_REGION;

import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.request.CallbackRequestJson;
import io.followup.callbacks.request.PhoneNumbers;
import io.followup.callbacks.talkdesk.TalkdeskCallbackService;
import io.followup.callbacks.talkdesk.api.CallbackResource;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * "Check callback outcome": after the callback time plus grace, reads the callback's status from Talkdesk into
 * {@code callbackOutcome} ({@code SUCCESS}, {@code EXHAUSTED}, {@code INVALID_NUMBER}, ..., or {@code NOT_FOUND}).
 */
public class CheckCallbackOutcomeDelegate extends CallbackDelegate {

    /** Outcome written when Talkdesk no longer lists the callback. */
    public static final String NOT_FOUND = "NOT_FOUND";

    private final TalkdeskCallbackService talkdesk;
    private final String defaultPhoneRegion;

    public CheckCallbackOutcomeDelegate(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            String defaultPhoneRegion) {
        super(requests);
        this.talkdesk = talkdesk;
        this.defaultPhoneRegion = defaultPhoneRegion;
    }

    @Override
    protected void run(DelegateExecution execution) {
        String phone = phoneNumber(execution);
        String callbackId = ProcessInputs.text(execution, CALLBACK_ID);
        String outcome = phone == null || callbackId == null ? NOT_FOUND
                : talkdesk.findById(phone, callbackId).map(CallbackResource::status).orElse(NOT_FOUND);
        execution.setVariable(CALLBACK_OUTCOME, outcome);
    }

    /** The number as validated, or read from the inputs in a model without the validation step. */
    private String phoneNumber(DelegateExecution execution) {
        Object stored = execution.getVariable(CALLBACK_REQUEST);
        if (stored instanceof String json && !json.isBlank()) {
            return CallbackRequestJson.read(json).phoneNumber();
        }
        String region = ProcessInputs.text(execution, PHONE_REGION);
        return PhoneNumbers.toE164(ProcessInputs.text(execution, PHONE_NUMBER),
                region == null ? defaultPhoneRegion : region).orElse(null);
    }

    @Override
    public Set<String> errorCodes() {
        return Set.of();
    }

    @Override
    protected String taskName() {
        return "Check callback outcome";
    }
}
