package dev.scalingadvisor.advisor.daemon;

import dev.scalingadvisor.advisor.cycle.CycleHealth;
import dev.scalingadvisor.advisor.cycle.EvaluationCycle;
import dev.scalingadvisor.core.concurrent.DaemonThreads;
import dev.scalingadvisor.core.time.PrometheusDurations;
import io.prometheus.metrics.core.datapoints.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the evaluation cycle every {@code evaluation.interval} on one thread, so never two cycles at once; a fire
 * missed because a cycle overran is logged, counted and skipped rather than run late back to back.
 *
 * <p>The schedule is kept on monotonic time ({@link ScheduledExecutorService} and {@link System#nanoTime()}), not on
 * the wall clock: a clock stepped back by an hour used to stall evaluation for that hour (Quartz fires at wall-clock
 * dates), one stepped forward skipped cycles. The wall clock only says which instant a cycle evaluates.
 */
public final class EvaluationScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationScheduler.class);
    /** A fire later than this counts as missed and is skipped. */
    static final Duration LATE = Duration.ofSeconds(1);

    private final ScheduledThreadPoolExecutor executor;
    private final Supplier<EvaluationCycle> cycle;
    private final Readiness readiness;
    private final DaemonMetrics metrics;
    private final Clock clock;
    private Cadence cadence;
    private long generation;
    private ScheduledFuture<?> pending;

    private EvaluationScheduler(
            Duration interval,
            Supplier<EvaluationCycle> cycle,
            Readiness readiness,
            DaemonMetrics metrics,
            Clock clock) {
        this.executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("evaluation"));
        // on stop, the next fire is dropped rather than waited for
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        this.cycle = cycle;
        this.readiness = readiness;
        this.metrics = metrics;
        this.clock = clock;
        this.cadence = new Cadence(System.nanoTime(), interval);
    }

    /**
     * Starts running {@code cycle} now and then every {@code interval}.
     *
     * @param cycle supplies the cycle to run at each fire, so a reloaded configuration takes effect at the next one
     * @param clock the wall clock, for the instant each cycle evaluates
     */
    public static EvaluationScheduler start(
            Duration interval,
            Supplier<EvaluationCycle> cycle,
            Readiness readiness,
            DaemonMetrics metrics,
            Clock clock) {
        EvaluationScheduler scheduler = new EvaluationScheduler(interval, cycle, readiness, metrics, clock);
        synchronized (scheduler) {
            scheduler.pending = scheduler.executor.schedule(scheduler.fire(0, 0), 0, TimeUnit.NANOSECONDS);
        }
        return scheduler;
    }

    /** Changes the interval after a configuration reload; the next cycle runs now (after a running one ends). */
    public synchronized void reschedule(Duration newInterval) {
        if (newInterval.equals(cadence.interval()) || executor.isShutdown()) {
            return;
        }
        cadence = new Cadence(System.nanoTime(), newInterval);
        generation++;
        if (pending != null) {
            pending.cancel(false);
        }
        pending = executor.schedule(fire(generation, 0), 0, TimeUnit.NANOSECONDS);
    }

    /**
     * Stops scheduling and gives a running cycle up to {@code grace} to finish; after that it is
     * interrupted, and its partial work is dropped (decisions are persisted per job, atomically).
     */
    public void stop(Duration grace) {
        synchronized (this) {
            generation++;
            executor.shutdown();
        }
        try {
            if (!executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn(
                        "the running evaluation cycle did not finish within {}; interrupting it",
                        PrometheusDurations.format(grace));
                executor.shutdownNow();
                executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private Runnable fire(long firedGeneration, long fire) {
        return () -> {
            try {
                runCycle();
            } finally {
                scheduleAfter(firedGeneration, fire);
            }
        };
    }

    /** Schedules the fire after {@code fire}, even when its cycle ended by an Error: a schedule never just stops. */
    private void scheduleAfter(long firedGeneration, long fire) {
        synchronized (this) {
            if (firedGeneration != generation || executor.isShutdown()) {
                return; // rescheduled or stopped meanwhile: that already decided what runs next
            }
            Cadence.Next next = cadence.after(fire, System.nanoTime());
            if (next.skipped() > 0) {
                metrics.cyclesSkipped.inc(next.skipped());
                LOG.warn(
                        "evaluation cycle overran its {} interval; {} missed run(s) skipped, the next runs on schedule",
                        PrometheusDurations.format(cadence.interval()),
                        next.skipped());
            }
            pending = executor.schedule(fire(firedGeneration, next.fire()), next.inNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void runCycle() {
        readiness.cycleStarted();
        Timer timer = metrics.cycleDuration.startTimer();
        Optional<CycleHealth> health = Optional.empty();
        String failure = "interrupted";
        try {
            // Milliseconds, as Prometheus keeps time, so the cycle's instant is the one its answers and the
            // journal carry (HistoryReadings takes a replay's range at the same precision itself).
            health = Optional.of(cycle.get().run(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
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
        }
    }

    /**
     * The fires of a schedule on monotonic time: fire {@code k} is due at {@code start + k × interval}. After the cycle
     * of fire {@code k} ended, the next is the first after {@code k} that is not more than {@link #LATE} late; the ones
     * before it were missed while the cycle overran, and are skipped.
     */
    record Cadence(long startNanos, Duration interval) {
        Cadence {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive: " + interval);
            }
        }

        /** The fire after fire {@code ran}, whose cycle ended at {@code nowNanos}. */
        Next after(long ran, long nowNanos) {
            long step = interval.toNanos();
            long lateBy = nowNanos - startNanos - LATE.toNanos();
            long notMissed = lateBy <= 0 ? 0 : -Math.floorDiv(-lateBy, step);
            long fire = Math.max(ran + 1, notMissed);
            return new Next(fire, Math.max(0, startNanos + fire * step - nowNanos), fire - ran - 1);
        }

        /** Fire number {@code fire}, due in {@code inNanos}, after {@code skipped} missed ones. */
        record Next(long fire, long inNanos, long skipped) {}
    }
}
