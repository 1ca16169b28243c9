package io.followup.callbacks.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A validated {@link CallbackRequest} as the JSON text the process carries in {@code callbackRequest}: validated
 * once, read by every later step without parsing or judging the inputs again, and readable in Cockpit.
 */
public final class CallbackRequestJson {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CallbackRequestJson() {
    }

    public static String write(CallbackRequest request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("TDCB-R001 cannot write the callback request as JSON", e);
        }
    }

    /** The request written by {@link #write}; an {@link IllegalStateException} if the text is not one. */
    public static CallbackRequest read(String json) {
        try {
            return JSON.readValue(json, CallbackRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("TDCB-R002 the process variable callbackRequest is not a callback "
                    + "request written by Validate callback request", e);
        }
    }
}
