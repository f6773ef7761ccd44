package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.rescale.JournalEntry;
import dev.scalingadvisor.actions.rescale.OperationId;
import dev.scalingadvisor.actions.rescale.RescaleExecutor;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.core.concurrent.DaemonThreads;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.text.Spelling;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out rescales away from the evaluation cycle (one takes minutes; a cycle takes a moment), at most one
 * per job at a time. Jobs are known by cluster and name, not id: a savepoint-redeploy gives the job a new id.
 *
 * <p>It also finishes what the journal holds open, for as long as the daemon runs: an operation a crash
 * interrupted, or one a fault left unfinished (a savepoint that outlasted its timeout, Flink unreachable after the
 * stop, a journal that could not be written). Every few seconds it takes up each open operation that nothing in
 * this process is working on, first at once, then after 10 s, doubling up to every 5 minutes
 * ({@link Retries#STANDARD}), until the operation ends. Waits are on the monotonic clock, so a step of the wall clock
 * neither hurries nor stalls them.
 */
final class RescaleWorker implements AutoCloseable {

    /** How often the journal is looked at, and the backoff of an operation that stays open. */
    record Retries(Duration checkEvery, Duration first, Duration max) {
        /** The wording of {@code RescaleOutcome.consequence()} depends on these. */
        static final Retries STANDARD =
                new Retries(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    private static final Logger LOG = LoggerFactory.getLogger(RescaleWorker.class);

    private final RescaleExecutor executor;
    private final LongSupplier nanoTime;
    private final Retries timing;
    private final ExecutorService threads;
    private final ScheduledExecutorService retries;
    private final Set<JobOnCluster> running = ConcurrentHashMap.newKeySet();
    /** Open operations taken up at least once in this process: when the next attempt may start. */
    private final Map<OperationId, Retry> attempts = new ConcurrentHashMap<>();

    private volatile List<JournalEntry> leftStopped = List.of();

    RescaleWorker(RescaleExecutor executor, LongSupplier nanoTime, Retries timing) {
        this.executor = executor;
        this.nanoTime = nanoTime;
        this.timing = timing;
        // A cached pool that keeps one thread waiting: a decision's rescale starts on it at once, not after a thread
        // is made (7-23 ms of the first rescale's decision → request on the testbed).
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                1,
                Integer.MAX_VALUE,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                DaemonThreads.numbered("rescale"));
        pool.prestartCoreThread();
        this.threads = pool;
        this.retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("rescale-retries"));
    }

    /** Takes up the journal's open operations now, and looks again every few seconds while the daemon runs. */
    void start() {
        retries.scheduleWithFixedDelay(
                this::takeUpOpenOperations, 0, timing.checkEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: every open operation whose retry is due is taken up on its job's rescale thread. */
    void takeUpOpenOperations() {
        try {
            long now = nanoTime.getAsLong();
            for (JournalEntry entry : executor.waitingToResume()) {
                JobOnCluster job = jobOf(entry);
                if (!running.add(job)) {
                    continue;
                }
                // Read after taking the job: an attempt sets its retry before it lets the job go.
                Retry retry = attempts.get(entry.id());
                if (retry != null && now - retry.dueAtNanos() < 0) {
                    running.remove(job);
                    continue;
                }
                boolean first = retry == null;
                if (first) {
                    LOG.warn(
                            "job={} cluster={}: rescale operation={} is open in the journal ({}); taking it up",
                            job.jobName(),
                            job.cluster(),
                            entry.id(),
                            Spelling.of(entry.state()));
                }
                submitOrRelease(job, () -> attempt(entry.id(), job, first));
            }
            leftStopped = executor.refreshLeftStopped();
        } catch (RuntimeException e) {
            LOG.error("could not look at the rescale journal for open operations; looking again shortly", e);
        }
    }

    private void attempt(OperationId id, JobOnCluster job, boolean first) {
        try {
            executor.resume(id, first);
        } catch (RuntimeException e) {
            LOG.error("taking up rescale operation={} of job {} failed unexpectedly", id, job, e);
        }
        // The next retry is set before the job is released: a round in between would otherwise see neither and take
        // the operation up again at once, as if for the first time.
        try {
            boolean stillOpen = executor.waitingToResume().stream().anyMatch(e -> e.id().equals(id));
            if (stillOpen) {
                Retry next = Retry.after(attempts.get(id), nanoTime.getAsLong(), timing);
                attempts.put(id, next);
                LOG.warn(
                        "job={} cluster={}: rescale operation={} is still open; the advisor takes it up again in {} s",
                        job.jobName(),
                        job.cluster(),
                        id,
                        next.delay().toSeconds());
            } else {
                attempts.remove(id);
            }
        } catch (RuntimeException e) {
            LOG.error("could not look at the rescale journal after taking up operation={}", id, e);
        } finally {
            running.remove(job);
        }
    }

    /**
     * Starts the rescale unless one of the same job is under way.
     *
     * @return whether it was started
     */
    boolean submit(RescaleRequest request) {
        JobOnCluster job = new JobOnCluster(request.cluster(), request.job().name());
        if (!running.add(job)) {
            return false;
        }
        submitOrRelease(job, () -> {
            try {
                executor.execute(request);
            } catch (RuntimeException e) {
                LOG.error("rescale of job {} failed unexpectedly; the journal keeps what was done", job, e);
            } finally {
                running.remove(job);
            }
        });
        return true;
    }

    private void submitOrRelease(JobOnCluster job, Runnable work) {
        try {
            threads.submit(work);
        } catch (RuntimeException e) {
            running.remove(job);
            throw e;
        }
    }

    /** Prepares the executor for a first rescale of a job the advisor may act on (in the background, once). */
    void warmUp(ClusterName cluster, JobId job) {
        executor.warmUp(cluster, job);
    }

    /** See {@link RescaleExecutor#keepPreparedOnly}. */
    void keepPreparedOnly(Set<JobId> seen) {
        executor.keepPreparedOnly(seen);
    }

    boolean busy(JobOnCluster job) {
        return running.contains(job);
    }

    /** The jobs with a rescale under way now. */
    Set<JobOnCluster> running() {
        return Set.copyOf(running);
    }

    /**
     * The jobs an open operation may have left stopped while the advisor waits to take it up again, in words for
     * {@code /readyz}.
     */
    List<String> jobsLeftStopped() {
        return Stream.concat(
                        leftStopped.stream()
                                .map(e -> "job " + e.plan().job().name() + " on cluster "
                                        + e.plan().cluster()
                                        + " may be stopped: rescale operation " + e.id() + " is open in state "
                                        + Spelling.of(e.state())
                                        + e.savepointPath()
                                                .map(s -> ", savepoint " + s)
                                                .orElse("")
                                        + "; the advisor keeps taking it up again until it ends"),
                        executor.unreadableOperations().stream().map(RescaleJournal.Unreadable::describe))
                .toList();
    }

    /**
     * Interrupts running rescales: the journal has every step, so the next start resumes them. A stop must not wait
     * minutes for a savepoint.
     */
    @Override
    public void close() {
        retries.shutdownNow();
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS)
                    && !running.isEmpty()) {
                LOG.warn(
                        "rescales still under way at shutdown: {}; the next start resumes them from the journal",
                        running);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JobOnCluster jobOf(JournalEntry entry) {
        return new JobOnCluster(entry.plan().cluster(), entry.plan().job().name());
    }

    /** When an open operation may next be taken up, and the wait before the one after. */
    private record Retry(long dueAtNanos, Duration delay) {
        /** The retry after an attempt that ended at {@code nowNanos}; {@code previous} is null after the first. */
        static Retry after(Retry previous, long nowNanos, Retries timing) {
            Duration next = previous == null ? timing.first() : previous.delay().multipliedBy(2);
            if (next.compareTo(timing.max()) > 0) {
                next = timing.max();
            }
            return new Retry(nowNanos + next.toNanos(), next);
        }
    }
}
