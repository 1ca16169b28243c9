package io.followup.callbacks.talkdesk.auth;

/** Hands out the bearer token for API calls. */
public interface AccessTokenProvider {

    /** A token valid for at least a little while; fetched when none is cached or the cached one is about to expire. */
    String accessToken();

    /** Drops {@code rejectedToken} from the cache, if it is still the cached one, so the next call fetches anew. */
    void invalidate(String rejectedToken);
}
