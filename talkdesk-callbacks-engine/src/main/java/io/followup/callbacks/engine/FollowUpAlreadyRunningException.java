package io.followup.callbacks.engine;

import org.camunda.bpm.engine.BadUserRequestException;

/** A second start for a ticket that has a running follow-up; the engine REST API answers it with 400. */
public class FollowUpAlreadyRunningException extends BadUserRequestException {

    private final String runningProcessInstanceId;

    public FollowUpAlreadyRunningException(String ticketId, String runningProcessInstanceId) {
        super("TDCB-P011 ticket " + ticketId + " already has a running follow-up: a ticket gets one follow-up at a "
                + "time");
        this.runningProcessInstanceId = runningProcessInstanceId;
    }

    /** The running follow-up of the ticket. */
    public String runningProcessInstanceId() {
        return runningProcessInstanceId;
    }
}
