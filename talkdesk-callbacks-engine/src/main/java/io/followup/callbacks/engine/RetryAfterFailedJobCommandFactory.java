package io.followup.callbacks.engine;

import io.followup.callbacks.delegate.CallbackTaskFailedException;
import io.followup.callbacks.delegate.UncaughtRejectionException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's usual retry handling of a failed job (retry cycle, decrement, incident), then, when Talkdesk
 * answered 429 with {@code Retry-After}, pushes the job's next due date to no earlier than the server asked, and
 * stores what the failed step asked to keep (a booking whose answer was lost) on the follow-up: this transaction
 * commits while the job's own rolled back.
 */
public class RetryAfterFailedJobCommandFactory implements FailedJobCommandFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RetryAfterFailedJobCommandFactory.class);

    private final FailedJobCommandFactory delegate;
    private final MeterRegistry registry;

    public RetryAfterFailedJobCommandFactory(FailedJobCommandFactory delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
        Command<Object> standard = delegate.getCommand(jobId, exception);
        Optional<Duration> retryAfter = retryAfter(exception);
        return commandContext -> {
            Object result = standard.execute(commandContext);
            JobEntity job = commandContext.getJobManager().findJobById(jobId);
            Counter.builder("talkdesk.job.failures")
                    .description("Failed job attempts: retried by the job executor, or left as an incident")
                    .tag("outcome", job != null && job.getRetries() > 0 ? "retry" : "incident")
                    .tag("exception", rootOf(exception).getClass().getSimpleName())
                    .register(registry).increment();
            keep(exception).filter(variables -> job != null && job.getExecution() != null)
                    .ifPresent(variables -> job.getExecution().setVariables(variables));
            if (uncaught(exception) && job != null && job.getRetries() > 0) {
                job.setRetries(0); // a business outcome the model does not catch: retrying cannot change it
            }
            if (retryAfter.isPresent() && job != null && job.getRetries() > 0) {
                Date earliest = new Date(ClockUtil.getCurrentTime().getTime() + retryAfter.get().toMillis());
                if (job.getDuedate() == null || job.getDuedate().before(earliest)) {
                    job.setDuedate(earliest);
                    LOG.info("TDCB-E429 job {} waits {}s as Talkdesk's Retry-After asked", jobId,
                            retryAfter.get().toSeconds());
                }
            }
            return result;
        };
    }

    private static Throwable rootOf(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof CallbackTaskFailedException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Whether the failure is a business outcome the model does not catch ({@link UncaughtRejectionException}). */
    static boolean uncaught(Throwable exception) {
        for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof UncaughtRejectionException) {
                return true;
            }
        }
        return false;
    }

    /** What the failed step asked to keep on the follow-up (a booking whose answer was lost). */
    static Optional<Map<String, String>> keep(Throwable exception) {
        for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof CallbackTaskFailedException failed && !failed.variablesToKeep().isEmpty()) {
                return Optional.of(failed.variablesToKeep());
            }
        }
        return Optional.empty();
    }

    static Optional<Duration> retryAfter(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof CallbackTaskFailedException failed) {
                return failed.retryAfter();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
