package io.followup.callbacks.process;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.ClusterLocks;
import io.followup.callbacks.engine.CallbackComponents;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import io.followup.callbacks.talkdesk.auth.AccessTokenProvider;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.test.mock.Mocks;

/** What the process tests share: the real client talking HTTP to a WireMock Talkdesk, and the delegates on it. */
final class TalkdeskStandIn {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    private TalkdeskStandIn() {
    }

    /** The callback service on {@code talkdesk}, whose token endpoint this stubs. */
    static TalkdeskCallbackService service(WireMockServer talkdesk, Clock clock) {
        talkdesk.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":600}")));
        TalkdeskConnection connection = TalkdeskConnection.fixed(talkdesk.baseUrl(), talkdesk.baseUrl()
                + "/oauth/token", "client", "secret", "schedule-callbacks:read schedule-callbacks:write");
        HttpClient http = TalkdeskClientFactory.httpClient(Duration.ofSeconds(2));
        AccessTokenProvider tokens = TalkdeskClientFactory.tokenProvider(connection, http, Duration.ofSeconds(2),
                Duration.ofSeconds(30), clock);
        return new TalkdeskCallbackService(TalkdeskClientFactory.api(connection, http, tokens,
                Duration.ofSeconds(2), Duration.ofSeconds(2), false, clock), tokens, 50, 500);
    }

    /** The delegates exactly as the plugin assembles them from {@code settings}, under their documented names. */
    static void registerDelegates(TalkdeskProperties settings, TalkdeskCallbackService service, Clock clock) {
        Mocks.reset();
        CallbackComponents.delegates(settings, CallbackComponents.requests(settings, clock), service,
                ClusterLocks.NONE, clock).forEach(Mocks::register);
    }

    /** Noon in Lisbon {@code days} from today: inside the default calling window (every day 08:00-21:00). */
    static String middayInLisbon(int days) {
        return LocalDate.now(LISBON).plusDays(days).atTime(12, 0).atZone(LISBON).toInstant().toString();
    }
}
