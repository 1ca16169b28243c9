package io.followup.callbacks.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The runnable app on a random port with an in-memory database, the test admin password, a webhook user and a short
 * retry cycle: one Spring context that every app test shares (metrics export on, as in the app). Every test that starts
 * the app in this JVM must use it: Camunda keeps its engines in JVM-wide registries, and a second app context would
 * take the name "default" away from the first (HTTP Basic would then authenticate against the other engine).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@SpringBootTest(classes = CallbacksApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:app-test;DB_CLOSE_DELAY=-1",
            "camunda.bpm.admin-user.password=" + AppTestSupport.PASSWORD,
            "talkdesk.retry.cycle=R2/PT1S",
            "followup.webhook-user.id=" + AppTestSupport.WEBHOOK_USER,
            "followup.webhook-user.password=" + AppTestSupport.WEBHOOK_PASSWORD
        })
public @interface RunningApp {
}
