package io.followup.callbacks.talkdesk.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.followup.callbacks.talkdesk.RetryAfter;
import io.followup.callbacks.talkdesk.api.ApiErrorBody;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The one place where Talkdesk's HTTP answers become exceptions: 400/422 rejections, 401 token refusals, 403/415
 * configuration errors, 404 not found, 409 conflicts, 429 and 5xx transient failures (keeping {@code Retry-After}).
 */
public class TalkdeskErrorDecoder implements ErrorDecoder {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper objectMapper;
    private final Clock clock;

    public TalkdeskErrorDecoder(ObjectMapper objectMapper, Clock clock) {
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        String operation = operation(response.request());
        ApiErrorBody body = readBody(response);
        String code = body == null ? null : body.code();
        String message = body == null ? null : body.message();
        return switch (status) {
            case 400, 422 -> new CallbackRejectedException(operation, status, code, messageOf(body), fields(body));
            case 401 -> new TokenRejectedException(operation, code, bearerToken(response.request()));
            case 403 -> new TalkdeskConfigurationException("TDCB-403 Talkdesk refused " + operation
                    + " (HTTP 403" + suffix(code) + "): the API client lacks the schedule-callbacks scopes or "
                    + "Scheduled Callbacks is not installed for the account", status, code);
            case 404 -> new CallbackNotFoundException(operation, code);
            case 409 -> new CallbackConflictException(operation, code, message);
            case 415 -> new TalkdeskConfigurationException("TDCB-415 Talkdesk refused the content type of "
                    + operation + suffix(code), status, code);
            case 429 -> new TalkdeskTransientException("TDCB-429 Talkdesk rate-limited " + operation
                    + retryAfterText(response), status, code, retryAfter(response), null);
            default -> status >= 500 || status == 408
                    ? new TalkdeskTransientException("TDCB-5XX Talkdesk failed " + operation + " (HTTP " + status
                            + suffix(code) + ")", status, code, retryAfter(response), null)
                    : new TalkdeskConfigurationException("TDCB-4XX Talkdesk answered " + operation + " with HTTP "
                            + status + suffix(code), status, code);
        };
    }

    /** {@code METHOD /path} of a request, without its query (which can hold a phone number). */
    public static String operation(Request request) {
        if (request == null) {
            return "a Talkdesk call";
        }
        String path;
        try {
            path = URI.create(request.url()).getRawPath();
        } catch (IllegalArgumentException e) {
            path = "?";
        }
        return request.httpMethod() + " " + path;
    }

    private String retryAfterText(Response response) {
        Duration wait = retryAfter(response);
        return wait == null ? " (no Retry-After)" : " (Retry-After " + wait.toSeconds() + "s)";
    }

    private Duration retryAfter(Response response) {
        return RetryAfter.of(response, clock);
    }

    private ApiErrorBody readBody(Response response) {
        if (response.body() == null) {
            return null;
        }
        try (InputStream in = response.body().asInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
            if (bytes.length == 0) {
                return null;
            }
            return objectMapper.readValue(bytes, ApiErrorBody.class);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static String messageOf(ApiErrorBody body) {
        if (body == null) {
            return null;
        }
        if (body.message() != null && !body.message().isBlank()) {
            return body.message();
        }
        return body.description();
    }

    private static List<CallbackRejectedException.RejectedField> fields(ApiErrorBody body) {
        if (body == null || body.fields() == null) {
            return List.of();
        }
        return body.fields().stream()
                .map(f -> new CallbackRejectedException.RejectedField(f.name(), f.description()))
                .toList();
    }

    private static String bearerToken(Request request) {
        if (request == null) {
            return null;
        }
        return request.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                .flatMap(e -> e.getValue().stream())
                .filter(v -> v.startsWith("Bearer "))
                .map(v -> v.substring("Bearer ".length()))
                .findFirst().orElse(null);
    }

    private static String suffix(String code) {
        return code == null ? "" : ", " + code;
    }
}
