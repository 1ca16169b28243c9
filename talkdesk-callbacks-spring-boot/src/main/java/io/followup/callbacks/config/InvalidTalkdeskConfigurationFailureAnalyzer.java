package io.followup.callbacks.config;

import io.followup.callbacks.settings.InvalidTalkdeskConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a startup failure caused by bad {@code talkdesk.*} settings as a list of what to fix. */
public class InvalidTalkdeskConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<InvalidTalkdeskConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidTalkdeskConfigurationException cause) {
        return new FailureAnalysis("The Talkdesk callbacks plugin is not configured correctly:\n  - "
                + String.join("\n  - ", cause.problems()),
                "Set the properties named above (or their environment variables, e.g. TALKDESK_AUTH_CLIENT_ID), "
                        + "or run against the built-in sandbox with talkdesk.sandbox.enabled=true.", cause);
    }
}
