package io.followup.callbacks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The runnable product: Camunda engine, webapps, REST API, the follow-up process and the Talkdesk plugin. */
@SpringBootApplication
public class CallbacksApplication {

    public static void main(String[] args) {
        SpringApplication.run(CallbacksApplication.class, args);
    }
}
