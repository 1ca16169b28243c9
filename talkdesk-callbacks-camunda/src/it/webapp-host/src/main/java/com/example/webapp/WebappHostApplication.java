package com.example.webapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A support team's app with Camunda's webapps; the Talkdesk callbacks library adds its Cockpit tab. */
@SpringBootApplication
public class WebappHostApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebappHostApplication.class, args);
    }
}
