package io.followup.callbacks.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/** The plugin's REST root: {@code plugin/talkdesk-callbacks/{engine}/follow-ups/{processInstanceId}}. */
@Path("plugin/" + TalkdeskCallbacksCockpitPlugin.ID)
public class CallbackCockpitRootResource extends AbstractCockpitPluginRootResource {

    public CallbackCockpitRootResource() {
        super(TalkdeskCallbacksCockpitPlugin.ID);
    }

    @Path("{engine}/follow-ups/{processInstanceId}")
    public FollowUpCallbackResource followUp(@PathParam("engine") String engine,
            @PathParam("processInstanceId") String processInstanceId) {
        return new FollowUpCallbackResource(engine, processInstanceId); // subResource(...) differs between the forks
    }
}
