package io.followup.callbacks.talkdesk.api;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.List;

/**
 * The Talkdesk Scheduled Callbacks API, as in {@code talkdesk-api.md}. Built by
 * {@link io.followup.callbacks.talkdesk.TalkdeskClientFactory}; delegates use
 * {@link io.followup.callbacks.booking.TalkdeskCallbackService} instead of this interface.
 */
public interface TalkdeskCallbacksApi {

    /** {@code GET /schedule-callbacks}; null filters are left out of the query. */
    @RequestLine("GET /schedule-callbacks?phone_number={phoneNumber}&status={status}&page={page}&per_page={perPage}")
    @Headers("Accept: application/hal+json")
    CallbackPage list(@Param("phoneNumber") String phoneNumber, @Param("status") String status,
            @Param("page") int page, @Param("perPage") int perPage);

    /** {@code POST /schedule-callbacks}. */
    @RequestLine("POST /schedule-callbacks")
    @Headers({"Content-Type: application/json", "Accept: application/json"})
    CallbackResource create(NewCallback callback);

    /** {@code PATCH /schedule-callbacks/{callback_id}} with a JSON Patch of {@code replace} operations. */
    @RequestLine("PATCH /schedule-callbacks/{callbackId}")
    @Headers({"Content-Type: application/json-patch+json", "Accept: application/json"})
    CallbackResource update(@Param("callbackId") String callbackId, List<PatchOperation> patch);

    /** {@code DELETE /schedule-callbacks/{callback_id}}; 204 on success. */
    @RequestLine("DELETE /schedule-callbacks/{callbackId}")
    void cancel(@Param("callbackId") String callbackId);
}
