package io.followup.callbacks.config;

import io.followup.callbacks.engine.TalkdeskRetry;
import io.followup.callbacks.process.SupportFollowUpProcess.Delegates;
import io.followup.callbacks.settings.TalkdeskProperties;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code talkdesk.expressions.restricted=true}, expressions in BPMN models (an analyst's included) see only the
 * plugin's delegates, {@code talkdeskRetry} and the beans named in {@code talkdesk.expressions.extra-beans}, not the
 * whole application context: {@code ${environment.getProperty('talkdesk.auth.client-secret')}} or
 * {@code ${talkdeskConnection.clientSecret()}} fail to evaluate. Camunda's own names ({@code execution}, variables,
 * {@code dateTime()}, ...) stay. Off by default: a host's models may rely on its own beans.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.camunda.bpm.engine.spring.SpringExpressionManager")
@ConditionalOnProperty(prefix = TalkdeskProperties.PREFIX, name = "expressions.restricted", havingValue = "true")
public class RestrictedExpressionsConfiguration {

    /** The bean names every expression may use when the restriction is on, besides the configured extra ones. */
    public static final List<String> PLUGIN_BEANS = Stream.concat(Delegates.ALL.stream(),
            Stream.of(TalkdeskRetry.BEAN_NAME)).toList();

    @Bean
    public ProcessEnginePlugin talkdeskRestrictedExpressions(ApplicationContext context,
            TalkdeskProperties properties) {
        Set<String> allowed = new LinkedHashSet<>(PLUGIN_BEANS);
        allowed.addAll(properties.getExpressions().getExtraBeans());
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setExpressionManager(new SpringExpressionManager(context,
                        new AllowedBeans(context, allowed)));
            }
        };
    }

    /** A read-only view of the application context that holds only {@code allowed} names, resolved when used. */
    static final class AllowedBeans extends AbstractMap<Object, Object> {

        private final ApplicationContext context;
        private final Set<String> allowed;

        AllowedBeans(ApplicationContext context, Set<String> allowed) {
            this.context = context;
            this.allowed = Set.copyOf(allowed);
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && allowed.contains(name) && context.containsBean(name);
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? context.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return allowed.stream().filter(context::containsBean)
                    .map(name -> (Entry<Object, Object>) new SimpleImmutableEntry<Object, Object>(name,
                            context.getBean(name)))
                    .collect(Collectors.toSet());
        }
    }
}
