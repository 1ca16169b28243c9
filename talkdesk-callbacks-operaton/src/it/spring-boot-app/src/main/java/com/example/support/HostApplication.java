package com.example.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The support team's own Operaton app. Talkdesk callbacks come from the talkdesk-callbacks-operaton library on the
 * classpath: its auto-configuration provides the delegates the host's BPMN names.
 */
@SpringBootApplication
public class HostApplication {

    public static void main(String[] args) {
        SpringApplication.run(HostApplication.class, args);
    }
}
