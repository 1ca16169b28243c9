package io.followup.callbacks.app;

import io.followup.callbacks.web.WebSecurityConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** The runnable product: Camunda engine, webapps, REST API, the follow-up process, webhook and sandbox. */
@SpringBootApplication(scanBasePackages = {"io.followup.callbacks.app", "io.followup.callbacks.web"})
@Import(WebSecurityConfiguration.class)
public class CallbacksApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CallbacksApplication.class);
        application.addInitializers(context -> {
            ConfigurableEnvironment environment = context.getEnvironment();
            if (!environment.containsProperty(AdminPassword.PROPERTY)) {
                environment.getPropertySources().addLast(new MapPropertySource(AdminPassword.GENERATED_SOURCE,
                        Map.of(AdminPassword.PROPERTY, AdminPassword.forEmbeddedDefault().value())));
            }
        });
        application.run(args);
    }
}
