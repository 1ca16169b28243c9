package io.followup.callbacks.app;

import io.followup.callbacks.web.WebSecurityConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The runnable product: Camunda engine, webapps, REST API, the follow-up process, webhook and sandbox. */
@SpringBootApplication(scanBasePackages = {"io.followup.callbacks.app", "io.followup.callbacks.web"})
@Import(WebSecurityConfiguration.class)
public class CallbacksApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CallbacksApplication.class);
        AdminPassword adminPassword = AdminPassword.forEmbeddedDefault();
        application.setDefaultProperties(Map.of(AdminPassword.PROPERTY, adminPassword.value()));
        application.run(args);
    }
}
