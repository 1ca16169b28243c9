package io.followup.callbacks.talkdesk.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One page of {@code GET /schedule-callbacks} (HAL). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallbackPage(Integer total, Integer page, @JsonProperty("per_page") Integer perPage,
        @JsonProperty("total_pages") Integer totalPages, Integer count,
        @JsonProperty("_links") Map<String, Link> links, @JsonProperty("_embedded") Embedded embedded) {

    /** The callbacks on this page, never null. */
    public List<CallbackResource> callbacks() {
        return embedded == null || embedded.callbacks() == null ? List.of() : embedded.callbacks();
    }

    /** Whether Talkdesk says another page follows this one. */
    public boolean hasNext() {
        if (links != null && links.get("next") != null && links.get("next").href() != null) {
            return true;
        }
        return totalPages != null && page != null && page < totalPages;
    }

    /**
     * Whether this page holds everything the query matches: no page follows it, Talkdesk counts no more callbacks
     * than it carries and no more than one page (a field Talkdesk leaves out does not count against it).
     */
    public boolean isComplete() {
        return !hasNext() && (total == null || total <= callbacks().size()) && (totalPages == null || totalPages <= 1);
    }

    /** The {@code _embedded} part of the page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Embedded(List<CallbackResource> callbacks) {
    }

    /** A HAL link. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Link(String href) {
    }
}
