package io.followup.callbacks.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The Cockpit plugin of the library: a "Talkdesk callback" tab on every process instance (plugin point
 * {@code cockpit.processInstance.runtime.tab}, script {@code plugin-webapp/talkdesk-callbacks/app/plugin.js}) and its
 * REST resource under {@code /camunda/api/cockpit/plugin/talkdesk-callbacks/{engine}/}. Cockpit finds it through
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}; a host without the webapps never loads
 * this class.
 */
public class TalkdeskCallbacksCockpitPlugin extends AbstractCockpitPlugin {

    /** The plugin id: the REST path segment and the asset folder. */
    public static final String ID = "talkdesk-callbacks";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(CallbackCockpitRootResource.class);
    }
}
