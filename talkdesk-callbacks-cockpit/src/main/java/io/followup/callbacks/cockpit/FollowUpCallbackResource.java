package io.followup.callbacks.cockpit;

import io.followup.callbacks.engine.CallbackServices;
import io.followup.callbacks.engine.EngineAdmins;
import io.followup.callbacks.engine.TalkdeskCallbacksPlugin;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * One follow-up's callback for the Cockpit tab: {@code GET} the view, {@code POST reschedule} and
 * {@code POST cancellation}. A thin adapter: the answers come from {@link FollowUpCallbackTab}. POSTs need Cockpit's
 * CSRF header ({@code X-XSRF-TOKEN}), as every write of the webapps does.
 */
public class FollowUpCallbackResource extends AbstractCockpitPluginResource {

    private final String processInstanceId;

    public FollowUpCallbackResource(String engineName, String processInstanceId) {
        super(engineName);
        this.processInstanceId = processInstanceId;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response view() {
        return respond(tab().view(caller(), processInstanceId));
    }

    @POST
    @Path("reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reschedule(String body) {
        return respond(tab().reschedule(caller(), processInstanceId, body));
    }

    @POST
    @Path("cancellation")
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel() {
        return respond(tab().cancel(caller(), processInstanceId));
    }

    private FollowUpCallbackTab tab() {
        ProcessEngine engine = getProcessEngine();
        CallbackServices services = TalkdeskCallbacksPlugin.of(engine).flatMap(TalkdeskCallbacksPlugin::services)
                .orElse(null);
        return new FollowUpCallbackTab(engine, services);
    }

    private FollowUpAccess.Caller caller() {
        Authentication authentication = getCurrentAuthentication();
        return FollowUpCallbackTab.caller(authentication, authentication != null && EngineAdmins.isAdmin(
                getProcessEngine(), authentication.getUserId(), authentication.getGroupIds()));
    }

    private static Response respond(FollowUpCallbackTab.Answer answer) {
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }
}
