package io.followup.callbacks.engine;

import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.talkdesk.TalkdeskCallbackService;
import java.time.Clock;

/**
 * The parts an engine's follow-ups use, for readers outside its jobs (the Cockpit tab): the Talkdesk client, the
 * request rules the webhook and the delegates validate with, and the plugin's clock.
 */
public record CallbackServices(TalkdeskCallbackService talkdesk, CallbackRequestFactory requests, Clock clock) {
}
