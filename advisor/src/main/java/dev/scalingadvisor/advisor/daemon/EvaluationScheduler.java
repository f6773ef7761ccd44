package dev.scalingadvisor.advisor.daemon;

import dev.scalingadvisor.advisor.cycle.CycleHealth;
import dev.scalingadvisor.advisor.cycle.EvaluationCycle;
import dev.scalingadvisor.core.time.PrometheusDurations;
import io.prometheus.metrics.core.datapoints.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the evaluation cycle every {@code evaluation.interval} with Quartz: one worker thread and
 * {@link DisallowConcurrentExecution}, so never two cycles at once; a fire missed because a cycle overran
 * is logged, counted and skipped rather than run late back to back.
 */
public final class EvaluationScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationScheduler.class);
    private static final JobKey JOB = JobKey.jobKey("evaluation", "advisor");
    private static final TriggerKey TRIGGER = TriggerKey.triggerKey("evaluation", "advisor");

    private final Scheduler scheduler;
    private final AtomicReference<Duration> interval;

    private EvaluationScheduler(Scheduler scheduler, Duration interval) {
        this.scheduler = scheduler;
        this.interval = new AtomicReference<>(interval);
    }

    /**
     * Starts running {@code cycle} now and then every {@code interval}.
     *
     * @param cycle supplies the cycle to run at each fire, so a reloaded configuration takes effect at the next one
     */
    public static EvaluationScheduler start(
            Duration interval, Supplier<EvaluationCycle> cycle, Readiness readiness, DaemonMetrics metrics)
            throws SchedulerException {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "scaling-advisor");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "evaluation");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        // A fire more than this late counts as missed and is skipped (see the trigger's misfire instruction).
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        scheduler.setJobFactory((bundle, s) -> new CycleJob(cycle, readiness, metrics));
        EvaluationScheduler result = new EvaluationScheduler(scheduler, interval);
        scheduler.getListenerManager().addTriggerListener(new TriggerListenerSupport() {
            @Override
            public String getName() {
                return "overrun";
            }

            @Override
            public void triggerMisfired(Trigger trigger) {
                metrics.cyclesSkipped.inc();
                LOG.warn(
                        "evaluation cycle overran its {} interval; the missed run is skipped, the next runs on schedule",
                        PrometheusDurations.format(result.interval.get()));
            }
        });
        scheduler.scheduleJob(
                JobBuilder.newJob(CycleJob.class).withIdentity(JOB).build(), trigger(interval));
        scheduler.start();
        return result;
    }

    /** Changes the interval after a configuration reload; the next cycle runs now. */
    public void reschedule(Duration newInterval) throws SchedulerException {
        if (!newInterval.equals(interval.getAndSet(newInterval))) {
            scheduler.rescheduleJob(TRIGGER, trigger(newInterval));
        }
    }

    /**
     * Stops scheduling and gives a running cycle up to {@code grace} to finish; after that it is
     * interrupted, and its partial work is dropped (decisions are persisted per job, atomically).
     */
    public void stop(Duration grace) throws SchedulerException {
        scheduler.standby();
        Instant deadline = Instant.now().plus(grace);
        while (!scheduler.getCurrentlyExecutingJobs().isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
            LOG.warn(
                    "the running evaluation cycle did not finish within {}; interrupting it",
                    PrometheusDurations.format(grace));
            scheduler.interrupt(JOB);
        }
        scheduler.shutdown(false);
    }

    @Override
    public void close() throws SchedulerException {
        stop(Duration.ofSeconds(5));
    }

    private static Trigger trigger(Duration interval) {
        return TriggerBuilder.newTrigger()
                .withIdentity(TRIGGER)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /** The Quartz job: runs one cycle, records its outcome. */
    @DisallowConcurrentExecution
    static final class CycleJob implements InterruptableJob {
        private final Supplier<EvaluationCycle> cycle;
        private final Readiness readiness;
        private final DaemonMetrics metrics;
        private volatile Thread runner;

        CycleJob(Supplier<EvaluationCycle> cycle, Readiness readiness, DaemonMetrics metrics) {
            this.cycle = cycle;
            this.readiness = readiness;
            this.metrics = metrics;
        }

        @Override
        public void execute(JobExecutionContext context) {
            runner = Thread.currentThread();
            Instant scheduledAt = context.getScheduledFireTime().toInstant();
            readiness.cycleStarted();
            Timer timer = metrics.cycleDuration.startTimer();
            Optional<CycleHealth> health = Optional.empty();
            String failure = "interrupted";
            try {
                health = Optional.of(cycle.get().run(scheduledAt));
                metrics.cycles.labelValues("ok").inc();
            } catch (InterruptedException e) {
                metrics.cycles.labelValues("interrupted").inc();
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // A bug in one cycle must not stop the daemon: the next cycle starts from fresh data.
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                metrics.cycles.labelValues("failed").inc();
                LOG.error("evaluation cycle failed; the next one runs on schedule", e);
            } finally {
                timer.observeDuration();
                metrics.cycleFinished();
                if (health.isPresent()) {
                    readiness.cycleFinished(health.get());
                } else {
                    readiness.cycleFailed(failure);
                }
                metrics.ready.set(readiness.notReadyReason().isEmpty() ? 1 : 0);
                runner = null;
            }
        }

        @Override
        public void interrupt() {
            Thread thread = runner;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
