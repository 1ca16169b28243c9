package io.followup.callbacks.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code support-follow-up} process and its Tasklist forms as shipped in the jar. They are stored as
 * {@code io/followup/callbacks/model/*.bpmn.xml} and {@code *.form.json}, names Camunda's classpath auto-deployment
 * does not pick up, so a host app gets them only when it asks ({@code talkdesk.deploy-model=true}); they are deployed
 * under their own names ({@code support-follow-up.bpmn}, {@code request-callback.form}, ...) in one deployment, so
 * {@code camunda:formRefBinding="deployment"} finds the forms.
 */
public final class ShippedModel {

    /** Deployment name in Cockpit. */
    public static final String DEPLOYMENT_NAME = "talkdesk-callbacks";
    /** Resource names as deployed; the jar holds each under {@link #LOCATION} with a .xml or .json suffix. */
    public static final List<String> RESOURCES = List.of("support-follow-up.bpmn", "request-callback.form",
            "review-callback-request.form", "follow-up-missed-callback.form");
    static final String LOCATION = "io/followup/callbacks/model/";

    private static final Logger LOG = LoggerFactory.getLogger(ShippedModel.class);

    private ShippedModel() {
    }

    /** Deploys the model and forms unless the same versions are deployed already (restarts, other nodes). */
    public static Deployment deploy(RepositoryService repository) {
        DeploymentBuilder deployment = repository.createDeployment().name(DEPLOYMENT_NAME).source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(true);
        for (String resource : RESOURCES) {
            deployment.addInputStream(resource, open(resource));
        }
        Deployment deployed = deployment.deploy();
        LOG.info("TDCB-M001 deployed {} ({}) as deployment {}", SupportFollowUpProcess.PROCESS_KEY,
                String.join(", ", RESOURCES), deployed.getId());
        return deployed;
    }

    /** The jar's copy of {@code resource}. */
    public static InputStream open(String resource) {
        String stored = LOCATION + resource + (resource.endsWith(".bpmn") ? ".xml" : ".json");
        InputStream in = ShippedModel.class.getClassLoader().getResourceAsStream(stored);
        if (in == null) {
            throw new UncheckedIOException(new IOException("TDCB-M002 " + stored + " is missing from the classpath"));
        }
        return in;
    }
}
