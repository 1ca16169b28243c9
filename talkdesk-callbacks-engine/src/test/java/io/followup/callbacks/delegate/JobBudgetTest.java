package io.followup.callbacks.delegate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One deadline per job: the Talkdesk work of the steps of one job shares what is left of that job's lock. */
class JobBudgetTest {

    @AfterEach
    void leaveTheJob() {
        Context.removeJobExecutorContext();
        ClockUtil.reset();
    }

    private static void runningJobWhoseLockEndsIn(Duration left) {
        Date now = new Date(1_800_000_000_000L);
        ClockUtil.setCurrentTime(now);
        MessageEntity job = new MessageEntity();
        job.setLockExpirationTime(new Date(now.getTime() + left.toMillis()));
        JobExecutorContext context = new JobExecutorContext();
        context.setCurrentJob(job);
        Context.setJobExecutorContext(context);
    }

    @Test
    void shouldGiveALaterStepOfAJobOnlyWhatTheEarlierStepsLeftOfItsLock() {
        runningJobWhoseLockEndsIn(Duration.ofMinutes(5));
        Duration first = CallbackDelegate.jobBudget();
        runningJobWhoseLockEndsIn(Duration.ofSeconds(50)); // Find took most of the lock time

        Duration later = CallbackDelegate.jobBudget();

        assertThat(first).isEqualTo(Duration.ofMinutes(4));
        assertThat(later).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void shouldGiveNothingOnceTheJobsLockRanOut() {
        runningJobWhoseLockEndsIn(Duration.ofSeconds(-3));

        assertThat(CallbackDelegate.jobBudget()).isZero();
    }
}
