package io.followup.callbacks.app;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic against Camunda's identity service in front of the engine REST API, the webhook, the sandbox's admin
 * endpoints and every Actuator endpoint but the bare {@code /actuator/health} (status only; its details are at
 * {@code /actuator/health/detail}). Anonymous calls get 401. The webapps under {@code /camunda} have their own login.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

    /** Paths that require HTTP Basic. */
    public static final String[] PROTECTED_PATHS = {"/engine-rest/*", "/api/*", "/talkdesk-sandbox/admin/*",
        "/actuator", "/actuator/health/detail", "/actuator/health/detail/*", "/actuator/info", "/actuator/metrics/*",
        "/actuator/prometheus"};

    @Bean
    public FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthenticationFilter() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-basic-auth");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns(PROTECTED_PATHS);
        registration.setOrder(10);
        return registration;
    }
}
