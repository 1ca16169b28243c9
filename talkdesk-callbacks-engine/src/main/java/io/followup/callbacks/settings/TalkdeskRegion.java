package io.followup.callbacks.settings;

/** Talkdesk regions and their API and token hosts, as in {@code talkdesk-api.md}. */
public enum TalkdeskRegion {
    US("https://api.talkdeskapp.com", "https://%s.talkdeskid.com/oauth/token"),
    EU("https://api.talkdeskapp.eu", "https://%s.talkdeskid.eu/oauth/token"),
    CA("https://api.talkdeskappca.com", "https://%s.talkdeskidca.com/oauth/token");

    private final String apiBaseUrl;
    private final String tokenUrlTemplate;

    TalkdeskRegion(String apiBaseUrl, String tokenUrlTemplate) {
        this.apiBaseUrl = apiBaseUrl;
        this.tokenUrlTemplate = tokenUrlTemplate;
    }

    /** The region's API base URL. */
    public String apiBaseUrl() {
        return apiBaseUrl;
    }

    /** The region's token URL for {@code account}. */
    public String tokenUrl(String account) {
        return tokenUrlTemplate.formatted(account);
    }
}
