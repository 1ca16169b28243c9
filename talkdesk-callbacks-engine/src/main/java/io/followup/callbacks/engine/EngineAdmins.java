package io.followup.callbacks.engine;

import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Who the engine counts as an administrator: a member of one of its admin groups ({@code camunda-admin} on Camunda
 * and CIB seven, {@code operaton-admin} on Operaton, plus any configured) or one of its admin users. Read from the
 * engine's configuration, never a literal, so the same code judges the same way on every engine flavour.
 */
public final class EngineAdmins {

    private EngineAdmins() {
    }

    /** Whether {@code userId} or one of {@code groupIds} is an administrator of {@code engine}. */
    public static boolean isAdmin(ProcessEngine engine, String userId, Collection<String> groupIds) {
        if (!(engine.getProcessEngineConfiguration() instanceof ProcessEngineConfigurationImpl configuration)) {
            return false;
        }
        List<String> groups = configuration.getAdminGroups() == null ? List.of() : configuration.getAdminGroups();
        List<String> users = configuration.getAdminUsers() == null ? List.of() : configuration.getAdminUsers();
        return userId != null && users.contains(userId)
                || groupIds != null && groupIds.stream().anyMatch(groups::contains);
    }

    /** The engine's first admin group, for messages: {@code camunda-admin} or {@code operaton-admin}. */
    public static String adminGroup(ProcessEngine engine) {
        return engine.getProcessEngineConfiguration() instanceof ProcessEngineConfigurationImpl configuration
                && configuration.getAdminGroups() != null && !configuration.getAdminGroups().isEmpty()
                ? configuration.getAdminGroups().get(0) : "the engine's admin group";
    }
}
