package io.followup.callbacks.engine;

import io.followup.callbacks.delegate.CallbackTaskFailedException;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's usual retry handling of a failed job (retry cycle, decrement, incident), then, when Talkdesk
 * answered 429 with {@code Retry-After}, pushes the job's next due date to no earlier than the server asked.
 */
public class RetryAfterFailedJobCommandFactory implements FailedJobCommandFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RetryAfterFailedJobCommandFactory.class);

    private final FailedJobCommandFactory delegate;

    public RetryAfterFailedJobCommandFactory(FailedJobCommandFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
        Command<Object> standard = delegate.getCommand(jobId, exception);
        Optional<Duration> retryAfter = retryAfter(exception);
        if (retryAfter.isEmpty()) {
            return standard;
        }
        return commandContext -> {
            Object result = standard.execute(commandContext);
            JobEntity job = commandContext.getJobManager().findJobById(jobId);
            if (job != null && job.getRetries() > 0) {
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
