package io.followup.callbacks.talkdesk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Talkdesk's error body: {@code {"code","message","description","fields":[{"name","description"}]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiErrorBody(String code, String message, String description, List<Field> fields) {

    /** One field Talkdesk complained about. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Field(String name, String description) {
    }
}
