package io.followup.callbacks.app;

import io.followup.callbacks.process.SupportFollowUpProcess;
import io.followup.callbacks.process.SupportFollowUpProcess.Groups;
import java.util.Arrays;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Who may do what in the app, with Camunda's authorization checks on ({@code camunda.bpm.authorization.enabled}):
 * <ul>
 * <li>{@code camunda-admin}: everything (Camunda grants it at the admin user's creation);</li>
 * <li>{@code supervisors}: Tasklist, and in it the follow-ups' tasks (read, claim, complete) and the follow-ups
 * themselves (read, history); no Cockpit, no Admin, no deployments;</li>
 * <li>{@code followUpClients}: the webhook only ({@code talkdesk.webhook.allowed-groups}); no engine permission at
 * all, so its members cannot use the engine REST API or the webapps.</li>
 * </ul>
 * Creates the groups and their authorizations when missing (a restart or a second node adds nothing), puts the admin
 * user in {@code supervisors}, and creates the webhook's technical user from {@code followup.webhook-user.id} and
 * {@code .password} when they are set and the user does not exist yet.
 */
@Component
public class AccessSetup {

    public static final String FOLLOW_UP_CLIENTS = "followUpClients";
    static final String WEBHOOK_USER_ID = "followup.webhook-user.id";
    static final String WEBHOOK_USER_PASSWORD = "followup.webhook-user.password";

    private static final Logger LOG = LoggerFactory.getLogger(AccessSetup.class);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final Environment environment;

    public AccessSetup(IdentityService identityService, AuthorizationService authorizationService,
            Environment environment) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.environment = environment;
    }

    @Order(0)
    @EventListener(ApplicationReadyEvent.class)
    public void ensure() {
        group(Groups.SUPERVISORS, "Supervisors", "WORKFLOW");
        group(FOLLOW_UP_CLIENTS, "Follow-up clients (webhook callers)", "SYSTEM");
        grant(Groups.SUPERVISORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Groups.SUPERVISORS, Resources.FILTER, Authorization.ANY, Permissions.READ);
        grant(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, SupportFollowUpProcess.PROCESS_KEY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.UPDATE_TASK, ProcessDefinitionPermissions.TASK_WORK);
        String admin = environment.getProperty("camunda.bpm.admin-user.id");
        if (admin != null) {
            member(admin, Groups.SUPERVISORS);
        }
        String webhookUser = environment.getProperty(WEBHOOK_USER_ID);
        String webhookPassword = environment.getProperty(WEBHOOK_USER_PASSWORD);
        if (webhookUser != null && !webhookUser.isBlank() && webhookPassword != null && !webhookPassword.isBlank()
                && identityService.createUserQuery().userId(webhookUser).count() == 0) {
            User user = identityService.newUser(webhookUser);
            user.setFirstName("Webhook");
            user.setLastName("client");
            user.setPassword(webhookPassword);
            identityService.saveUser(user);
            LOG.info("TDCB-A011 created webhook user {} in {}", webhookUser, FOLLOW_UP_CLIENTS);
        }
        if (webhookUser != null && !webhookUser.isBlank()) {
            member(webhookUser, FOLLOW_UP_CLIENTS);
        }
    }

    private void group(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
            LOG.info("TDCB-A010 created group {}", id);
        }
    }

    private void member(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).count() > 0
                && identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        if (authorizationService.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
                .resourceId(resourceId).count() > 0) {
            return;
        }
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        Arrays.stream(permissions).forEach(authorization::addPermission);
        authorizationService.saveAuthorization(authorization);
    }
}
