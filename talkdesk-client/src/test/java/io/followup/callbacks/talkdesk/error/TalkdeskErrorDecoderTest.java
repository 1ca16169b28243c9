package io.followup.callbacks.talkdesk.error;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.Response;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers built by hand, decoded into the exception a delegate maps. */
class TalkdeskErrorDecoderTest {

    private final TalkdeskErrorDecoder decoder = new TalkdeskErrorDecoder(TalkdeskClientFactory.objectMapper(),
            new MutableClock(Instant.parse("2026-11-25T10:00:00Z")));

    private static Response answer(int status, Map<String, Collection<String>> headers, String body) {
        Request request = Request.create(Request.HttpMethod.GET,
                "https://api.talkdeskapp.com/schedule-callbacks?phone_number=%2B351912345678", Map.of(
                        "Authorization", List.of("Bearer tok-123")), null, StandardCharsets.UTF_8, null);
        return Response.builder().status(status).headers(headers).request(request)
                .body(body == null ? null : body.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void shouldReadRetryAfterGivenAsHttpDate() {
        Exception e = decoder.decode("k", answer(429, Map.of("retry-after", List.of("Wed, 25 Nov 2026 10:00:30 GMT")),
                null));

        assertThat(e).isInstanceOfSatisfying(TalkdeskTransientException.class,
                t -> assertThat(t.retryAfter()).contains(Duration.ofSeconds(30)));
    }

    @Test
    void shouldKeepRejectedTokenOutOfMessageWhen401() {
        Exception e = decoder.decode("k", answer(401, Map.of(), "{\"code\":\"EXPIRED\"}"));

        assertThat(e).isInstanceOfSatisfying(TokenRejectedException.class, t -> {
            assertThat(t.rejectedToken()).isEqualTo("tok-123");
            assertThat(t.getMessage()).doesNotContain("tok-123").doesNotContain("912345678");
            assertThat(t.operation()).isEqualTo("GET /schedule-callbacks");
        });
    }

    @Test
    void shouldTreatUnreadableErrorBodyAsRejectionWithoutDetails() {
        Exception e = decoder.decode("k", answer(422, Map.of(), "<html>oops</html>"));

        assertThat(e).isInstanceOfSatisfying(CallbackRejectedException.class, r -> {
            assertThat(r.fields()).isEmpty();
            assertThat(r.talkdeskCode()).isNull();
        });
    }

    @Test
    void shouldTreatGatewayTimeoutAsTransient() {
        assertThat(decoder.decode("k", answer(504, Map.of(), null))).isInstanceOf(TalkdeskTransientException.class);
    }
}
