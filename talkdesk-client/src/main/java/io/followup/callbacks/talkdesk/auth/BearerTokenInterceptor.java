package io.followup.callbacks.talkdesk.auth;

import feign.RequestInterceptor;
import feign.RequestTemplate;

/** Adds {@code Authorization: Bearer <token>} to every API call. */
public class BearerTokenInterceptor implements RequestInterceptor {

    private final AccessTokenProvider tokens;

    public BearerTokenInterceptor(AccessTokenProvider tokens) {
        this.tokens = tokens;
    }

    @Override
    public void apply(RequestTemplate template) {
        template.removeHeader("Authorization");
        template.header("Authorization", "Bearer " + tokens.accessToken());
    }
}
