package io.followup.callbacks.app;

import io.followup.callbacks.process.SupportFollowUpProcess.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code supervisors} group the review and escalation tasks are offered to, and puts the admin user in
 * it, so a new installation can work those tasks in Tasklist at once.
 */
@Component
public class SupervisorsGroup {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorsGroup.class);

    private final IdentityService identityService;
    private final Environment environment;

    public SupervisorsGroup(IdentityService identityService, Environment environment) {
        this.identityService = identityService;
        this.environment = environment;
    }

    @Order(0)
    @EventListener(ApplicationReadyEvent.class)
    public void ensure() {
        if (identityService.createGroupQuery().groupId(Groups.SUPERVISORS).count() == 0) {
            Group group = identityService.newGroup(Groups.SUPERVISORS);
            group.setName("Supervisors");
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
            LOG.info("TDCB-A010 created group {}", Groups.SUPERVISORS);
        }
        String admin = environment.getProperty("camunda.bpm.admin-user.id");
        if (admin != null && identityService.createUserQuery().userId(admin).count() > 0
                && identityService.createUserQuery().userId(admin).memberOfGroup(Groups.SUPERVISORS).count() == 0) {
            identityService.createMembership(admin, Groups.SUPERVISORS);
        }
    }
}
