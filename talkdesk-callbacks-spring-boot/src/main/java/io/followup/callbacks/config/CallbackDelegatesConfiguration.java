package io.followup.callbacks.config;

import io.followup.callbacks.booking.TalkdeskCallbackService;
import io.followup.callbacks.cluster.ClusterLocks;
import io.followup.callbacks.cluster.JvmLocks;
import io.followup.callbacks.cluster.jdbc.AdvisoryLocks;
import io.followup.callbacks.cluster.jdbc.DatabaseLocks;
import io.followup.callbacks.cluster.jdbc.LockSchema;
import io.followup.callbacks.delegate.CallbackOutputs;
import io.followup.callbacks.delegate.CancelCallbackDelegate;
import io.followup.callbacks.delegate.CheckCallbackOutcomeDelegate;
import io.followup.callbacks.delegate.FindActiveCallbackDelegate;
import io.followup.callbacks.delegate.ScheduleCallbackDelegate;
import io.followup.callbacks.delegate.UpdateCallbackDelegate;
import io.followup.callbacks.delegate.ValidateCallbackRequestDelegate;
import io.followup.callbacks.engine.CallbackComponents;
import io.followup.callbacks.engine.CallbackServices;
import io.followup.callbacks.engine.TalkdeskCallbacksPlugin;
import io.followup.callbacks.engine.TalkdeskRetry;
import io.followup.callbacks.process.SupportFollowUpProcess.Delegates;
import io.followup.callbacks.request.CallbackRequestFactory;
import io.followup.callbacks.settings.TalkdeskProperties;
import io.followup.callbacks.settings.TalkdeskProperties.LockScope;
import io.followup.callbacks.talkdesk.TalkdeskClientFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates under the bean names the BPMN and the element templates use, the retry cycle bean, the cluster
 * locks and the engine plugin. Each backs off when the host defines a bean of the same name or type.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.camunda.bpm.engine.ProcessEngine")
public class CallbackDelegatesConfiguration {

    /** The data sources the starters prefer for the engine when defined: Camunda's and CIB seven's, Operaton's. */
    static final List<String> ENGINE_DATA_SOURCES = List.of("camundaBpmDataSource", "operatonBpmDataSource");

    @Bean
    @ConditionalOnMissingBean
    public CallbackOutputs callbackOutputs(TalkdeskProperties properties, ObjectProvider<ClusterLocks> locks) {
        return CallbackComponents.outputs(properties, locks::getObject);
    }

    @Bean(Delegates.VALIDATE)
    @ConditionalOnMissingBean(name = Delegates.VALIDATE)
    public ValidateCallbackRequestDelegate validateCallbackRequest(CallbackRequestFactory requests) {
        return new ValidateCallbackRequestDelegate(requests);
    }

    @Bean(Delegates.FIND_ACTIVE)
    @ConditionalOnMissingBean(name = Delegates.FIND_ACTIVE)
    public FindActiveCallbackDelegate findActiveCallback(CallbackRequestFactory requests,
            TalkdeskCallbackService talkdesk, ClusterLocks locks) {
        return new FindActiveCallbackDelegate(requests, talkdesk, locks);
    }

    @Bean(Delegates.SCHEDULE)
    @ConditionalOnMissingBean(name = Delegates.SCHEDULE)
    public ScheduleCallbackDelegate scheduleCallback(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            CallbackOutputs outputs, ClusterLocks locks,
            @Qualifier(TalkdeskClientFactory.CLOCK_BEAN) ObjectProvider<Clock> clock) {
        return new ScheduleCallbackDelegate(requests, talkdesk, outputs, locks, TalkdeskAutoConfiguration.clock(clock));
    }

    /**
     * The per-number and per-ticket locks: in the engine's database ({@code camundaBpmDataSource} if there is one,
     * else the application's: advisory locks on PostgreSQL, row locks in {@code tdcb_lock} elsewhere), in this JVM when that database is an embedded H2 (no other node can open it) or
     * {@code talkdesk.locks.scope=jvm}, none when {@code talkdesk.locks.enabled=false}.
     */
    @Bean
    @ConditionalOnMissingBean
    public ClusterLocks clusterLocks(TalkdeskProperties properties, ListableBeanFactory beans) {
        TalkdeskProperties.Locks settings = properties.getLocks();
        if (!settings.isEnabled()) {
            return ClusterLocks.NONE;
        }
        if (settings.getScope() == LockScope.JVM) {
            return new JvmLocks(settings.getWait());
        }
        DataSource dataSource = ENGINE_DATA_SOURCES.stream().filter(beans::containsBean).findFirst()
                .map(name -> beans.getBean(name, DataSource.class))
                .orElseGet(() -> beans.getBeanProvider(DataSource.class).getIfUnique());
        if (dataSource == null) {
            throw new IllegalStateException("TDCB-L005 the cluster locks need the engine's DataSource and found none "
                    + "(or several without camundaBpmDataSource or operatonBpmDataSource); set talkdesk.locks.scope=jvm "
                    + "for a single node");
        }
        if (settings.getScope() == LockScope.AUTO && LockSchema.isEmbeddedH2(dataSource)) {
            return new JvmLocks(settings.getWait());
        }
        if (LockSchema.isPostgres(dataSource)) {
            return new AdvisoryLocks(dataSource, settings.getWait());
        }
        return new DatabaseLocks(dataSource, LockSchema.migrate(dataSource), settings.getWait());
    }

    @Bean(Delegates.UPDATE)
    @ConditionalOnMissingBean(name = Delegates.UPDATE)
    public UpdateCallbackDelegate updateCallback(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            CallbackOutputs outputs) {
        return new UpdateCallbackDelegate(requests, talkdesk, outputs);
    }

    @Bean(Delegates.CANCEL)
    @ConditionalOnMissingBean(name = Delegates.CANCEL)
    public CancelCallbackDelegate cancelCallback(CallbackRequestFactory requests, TalkdeskCallbackService talkdesk,
            ClusterLocks locks) {
        return new CancelCallbackDelegate(requests, talkdesk, locks);
    }

    @Bean(Delegates.CHECK_OUTCOME)
    @ConditionalOnMissingBean(name = Delegates.CHECK_OUTCOME)
    public CheckCallbackOutcomeDelegate checkCallbackOutcome(CallbackRequestFactory requests,
            TalkdeskCallbackService talkdesk, TalkdeskProperties properties,
            @Qualifier(TalkdeskClientFactory.CLOCK_BEAN) ObjectProvider<Clock> clock,
            ObjectProvider<ClusterLocks> locks) {
        return CallbackComponents.checkOutcome(properties, requests, talkdesk, TalkdeskAutoConfiguration.clock(clock),
                locks::getObject);
    }

    @Bean(TalkdeskRetry.BEAN_NAME)
    @ConditionalOnMissingBean(name = TalkdeskRetry.BEAN_NAME)
    public TalkdeskRetry talkdeskRetry(TalkdeskProperties properties) {
        return CallbackComponents.retry(properties);
    }

    /**
     * The engine plugin, which the Camunda starter adds to the engine: Retry-After handling and, with
     * {@code talkdesk.deploy-model=true}, the shipped model. The delegates are the beans above; the Cockpit tab reads
     * Talkdesk through the same client ({@link TalkdeskCallbacksPlugin#services()}).
     */
    @Bean
    @ConditionalOnMissingBean
    public TalkdeskCallbacksPlugin talkdeskCallbacksPlugin(TalkdeskProperties properties,
            ObjectProvider<MeterRegistry> registry, ClusterLocks locks, TalkdeskCallbackService talkdesk,
            CallbackRequestFactory requests, @Qualifier(TalkdeskClientFactory.CLOCK_BEAN) ObjectProvider<Clock> clock) {
        TalkdeskCallbacksPlugin plugin = new TalkdeskCallbacksPlugin(properties,
                TalkdeskAutoConfiguration.registry(registry));
        plugin.setBuildDelegates(false);
        plugin.setTicketLock(locks);
        plugin.setServices(new CallbackServices(talkdesk, requests, TalkdeskAutoConfiguration.clock(clock),
                locks));
        return plugin;
    }
}
