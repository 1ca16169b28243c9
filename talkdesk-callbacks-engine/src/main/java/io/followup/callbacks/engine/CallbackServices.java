package io.followup.callbacks.engine;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.FollowUpLock;
import io.followup.callbacks.request.CallbackRequestFactory;
import java.time.Clock;

/**
 * The parts an engine's follow-ups use, for readers outside its jobs (the Cockpit tab): the Talkdesk client, the
 * request rules the webhook and the delegates validate with, the plugin's clock, and the per-follow-up lock its
 * bookings read recorded cancellations under.
 */
public record CallbackServices(TalkdeskCallbackService talkdesk, CallbackRequestFactory requests, Clock clock,
        FollowUpLock locks) {
}
