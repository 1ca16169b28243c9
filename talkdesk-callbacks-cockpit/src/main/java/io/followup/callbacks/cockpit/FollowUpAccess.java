package io.followup.callbacks.cockpit;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * Who may see a follow-up's callback in the Cockpit tab and act on it, judged as Camunda judges the same reads and
 * writes: seeing a running follow-up needs {@code READ} on the process instance or {@code READ_INSTANCE} on its
 * definition (an ended one {@code READ_HISTORY} on the definition); rescheduling and cancelling need {@code UPDATE}
 * on the instance or {@code UPDATE_INSTANCE} on the definition; the activity history {@code READ_HISTORY} on the
 * definition. Camunda's tenant check applies as it does to Cockpit's own resources: a follow-up of a tenant is only
 * for members of that tenant (while the engine's tenant check is on). Authorizations are not checked when the
 * engine's authorization checks are off, and neither they nor tenants for Camunda administrators.
 */
final class FollowUpAccess {

    /** The Cockpit user: Camunda user, groups, and whether the engine counts them as an administrator. */
    record Caller(String userId, List<String> groupIds, List<String> tenantIds, boolean admin) {

        Caller {
            groupIds = groupIds == null ? List.of() : List.copyOf(groupIds);
            tenantIds = tenantIds == null ? List.of() : List.copyOf(tenantIds);
        }
    }

    private final ProcessEngine engine;

    FollowUpAccess(ProcessEngine engine) {
        this.engine = engine;
    }

    boolean mayRead(Caller caller, FollowUpSnapshot followUp) {
        if (!ofCallersTenant(caller, followUp)) {
            return false;
        }
        if (unrestricted(caller)) {
            return true;
        }
        if (followUp.running()) {
            return granted(caller, Permissions.READ, Resources.PROCESS_INSTANCE, followUp.id())
                    || granted(caller, ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION,
                            followUp.definitionKey());
        }
        return granted(caller, ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION,
                followUp.definitionKey());
    }

    boolean mayUpdate(Caller caller, FollowUpSnapshot followUp) {
        if (!ofCallersTenant(caller, followUp)) {
            return false;
        }
        if (unrestricted(caller)) {
            return true;
        }
        return granted(caller, Permissions.UPDATE, Resources.PROCESS_INSTANCE, followUp.id())
                || granted(caller, ProcessDefinitionPermissions.UPDATE_INSTANCE, Resources.PROCESS_DEFINITION,
                        followUp.definitionKey());
    }

    /** Whether the caller may see the follow-up's activity history (the steps it passed, Talkdesk calls). */
    boolean mayReadHistory(Caller caller, FollowUpSnapshot followUp) {
        return ofCallersTenant(caller, followUp) && (unrestricted(caller) || granted(caller,
                ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION, followUp.definitionKey()));
    }

    private boolean ofCallersTenant(Caller caller, FollowUpSnapshot followUp) {
        return followUp.tenantId() == null || caller.admin()
                || !engine.getProcessEngineConfiguration().isTenantCheckEnabled()
                || caller.tenantIds().contains(followUp.tenantId());
    }

    private boolean unrestricted(Caller caller) {
        return !engine.getProcessEngineConfiguration().isAuthorizationEnabled() || caller.admin();
    }

    private boolean granted(Caller caller, Permission permission, Resource resource, String resourceId) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        return resourceId != null && authorizations.isUserAuthorized(caller.userId(), caller.groupIds(), permission,
                resource, resourceId);
    }
}
