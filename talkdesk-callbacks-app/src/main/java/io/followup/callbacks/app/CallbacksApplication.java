package io.followup.callbacks.app;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The plugin's reference deployment and demo: Camunda engine, webapps and REST API behind authentication, with the
 * plugin's webhook, shipped model and (on the embedded default) sandbox switched on in {@code application.yaml}.
 * Scans only this package; everything of the plugin comes through its auto-configuration, as in a host app.
 */
@SpringBootApplication
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
