package io.followup.callbacks.talkdesk;

import java.util.function.Supplier;

/**
 * Where and as whom the client talks to Talkdesk. URLs are suppliers because the sandbox only knows its port once
 * the web server runs. {@link #toString()} never shows the secret.
 */
public record TalkdeskConnection(Supplier<String> apiBaseUrl, Supplier<String> tokenUrl, String clientId,
        String clientSecret, String scope) {

    /** A connection with fixed URLs. */
    public static TalkdeskConnection fixed(String apiBaseUrl, String tokenUrl, String clientId, String clientSecret,
            String scope) {
        return new TalkdeskConnection(() -> apiBaseUrl, () -> tokenUrl, clientId, clientSecret, scope);
    }

    @Override
    public String toString() {
        return "TalkdeskConnection[apiBaseUrl=" + apiBaseUrl.get() + ", tokenUrl=" + tokenUrl.get() + ", clientId="
                + clientId + ", clientSecret=****]";
    }
}
