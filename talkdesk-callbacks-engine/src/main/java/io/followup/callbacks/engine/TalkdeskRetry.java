package io.followup.callbacks.engine;

import io.followup.callbacks.settings.InvalidTalkdeskConfigurationException;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;

/**
 * The retry cycle of every Talkdesk task, read by the BPMN as {@code ${talkdeskRetry.cycle}} (bean
 * {@code talkdeskRetry}), from {@code talkdesk.retry.cycle}. It is parsed at startup as Camunda parses it when a job
 * fails (a repeating interval such as {@code R5/PT1M}, or a comma-separated list of ISO-8601 durations): Camunda
 * itself reads it only at the first failure, logs a bad one at DEBUG and falls back to 3 immediate retries.
 */
public class TalkdeskRetry {

    /** Bean name used in the BPMN's {@code camunda:failedJobRetryTimeCycle}. */
    public static final String BEAN_NAME = "talkdeskRetry";

    private final String cycle;

    /** @throws InvalidTalkdeskConfigurationException naming {@code talkdesk.retry.cycle} when Camunda cannot read it */
    public TalkdeskRetry(String cycle) {
        this.cycle = check(cycle);
    }

    /** A Camunda retry cycle such as {@code R5/PT1M} or {@code PT10S,PT30S,PT1M,PT2M,PT5M}. */
    public String getCycle() {
        return cycle;
    }

    private static String check(String cycle) {
        if (cycle == null || cycle.isBlank()) {
            throw invalid("must not be empty");
        }
        List<String> intervals = Arrays.stream(cycle.split(",")).map(String::strip).toList();
        for (String interval : intervals) {
            try {
                new DurationHelper(interval); // as Camunda reads each interval when a job fails
            } catch (Exception e) {
                throw invalid("'" + cycle + "' cannot be read: '" + interval + "' is not "
                        + (intervals.size() > 1 ? "an ISO-8601 duration such as PT10S" : "a Camunda retry cycle"));
            }
        }
        return String.join(",", intervals); // Camunda reads " PT1M" as a date, not a duration
    }

    private static InvalidTalkdeskConfigurationException invalid(String why) {
        return new InvalidTalkdeskConfigurationException(List.of("talkdesk.retry.cycle " + why + " (use a repeating "
                + "interval such as R5/PT1M, or ISO-8601 durations such as PT10S,PT30S,PT1M,PT2M,PT5M)"));
    }
}
