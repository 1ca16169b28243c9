package io.followup.callbacks.talkdesk;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;

/**
 * The client's shared resources under one type of its own, so that a host app never finds a bean of a general type
 * such as {@link HttpClient} or {@link ExecutorService} from us next to its own: the HTTP client of the API calls and
 * the token endpoint, and the threads that list the second active status while the job's thread lists the first.
 */
public record TalkdeskClientResources(HttpClient http, ExecutorService lookups) implements AutoCloseable {

    @Override
    public void close() {
        lookups.shutdown();
    }
}
