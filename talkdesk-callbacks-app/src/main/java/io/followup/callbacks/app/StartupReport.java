package io.followup.callbacks.app;

import io.followup.callbacks.sandbox.SandboxProperties;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One short block at the end of startup: where things are, who logs in, where callbacks go. */
@Component
public class StartupReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;
    private final SandboxProperties sandbox;
    private final TalkdeskConnection connection;

    public StartupReport(Environment environment, SandboxProperties sandbox, TalkdeskConnection connection) {
        this.environment = environment;
        this.sandbox = sandbox;
        this.connection = connection;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void report() {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080")
                + environment.getProperty("server.servlet.context-path", "");
        String admin = environment.getProperty("camunda.bpm.admin-user.id", "admin");
        boolean generated = environment instanceof ConfigurableEnvironment configurable
                && configurable.getPropertySources().contains(AdminPassword.GENERATED_SOURCE);
        String password = generated ? "generated, in " + AdminPassword.DEFAULT_FILE.toAbsolutePath()
                : "as configured (CAMUNDA_BPM_ADMINUSER_PASSWORD)";
        String target = sandbox.isEnabled()
                ? "the built-in SANDBOX at " + connection.apiBaseUrl().get() + " (talkdesk.sandbox.enabled=true: "
                        + "no customer is called)"
                : "Talkdesk at " + connection.apiBaseUrl().get();
        LOG.info("""

                ---------------------------------------------------------------------------
                 TDCB-A001 Talkdesk callbacks is ready
                   Cockpit, Tasklist, Admin  {}/camunda
                   Engine REST API           {}/engine-rest   (HTTP Basic)
                   Webhook                   POST {}/api/follow-ups   (HTTP Basic)
                   Admin user                {}   password: {}
                   Callbacks go to           {}
                ---------------------------------------------------------------------------""",
                base, base, base, admin, password, target);
    }
}
