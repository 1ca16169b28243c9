package io.followup.callbacks.engine;

/**
 * The retry cycle of every Talkdesk task, read by the BPMN as {@code ${talkdeskRetry.cycle}} (bean
 * {@code talkdeskRetry}), from {@code talkdesk.retry.cycle}.
 */
public class TalkdeskRetry {

    /** Bean name used in the BPMN's {@code camunda:failedJobRetryTimeCycle}. */
    public static final String BEAN_NAME = "talkdeskRetry";

    private final String cycle;

    public TalkdeskRetry(String cycle) {
        this.cycle = cycle;
    }

    /** A Camunda retry cycle such as {@code R5/PT1M} or {@code PT10S,PT30S,PT1M,PT2M,PT5M}. */
    public String getCycle() {
        return cycle;
    }
}
