package io.followup.callbacks.settings;

import java.util.List;

/** Thrown at startup when {@code talkdesk.*} settings cannot work; each problem names its property. */
public class InvalidTalkdeskConfigurationException extends IllegalStateException {

    private final List<String> problems;

    public InvalidTalkdeskConfigurationException(List<String> problems) {
        super("TDCB-C001 invalid Talkdesk configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per bad property. */
    public List<String> problems() {
        return problems;
    }
}
