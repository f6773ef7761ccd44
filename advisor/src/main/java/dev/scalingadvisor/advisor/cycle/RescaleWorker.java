package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.rescale.JournalEntry;
import dev.scalingadvisor.actions.rescale.RescaleExecutor;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out rescales away from the evaluation cycle (one takes minutes; a cycle takes a moment), at most
 * one per job at a time. Jobs are known by cluster and name, not id: a savepoint-redeploy gives the job a
 * new id. At start it resumes or rolls back what the journal shows unfinished, before any new rescale.
 */
final class RescaleWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RescaleWorker.class);

    private final RescaleExecutor executor;
    private final ExecutorService threads;
    private final Set<JobOnCluster> running = ConcurrentHashMap.newKeySet();

    RescaleWorker(RescaleExecutor executor) {
        this.executor = executor;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "rescale-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Resumes the journal's unfinished rescales in the background; their jobs count as busy until done. */
    void recover(RescaleJournal journal) {
        List<JobOnCluster> open =
                journal.open().stream().map(RescaleWorker::jobOf).toList();
        if (open.isEmpty()) {
            return;
        }
        running.addAll(open);
        LOG.warn(
                "{} rescale(s) were unfinished when the advisor last stopped; resuming them from the journal",
                open.size());
        threads.submit(() -> {
            try {
                executor.recover();
            } catch (RuntimeException e) {
                LOG.error(
                        "recovering unfinished rescales failed; they stay open in the journal and are retried at the next start",
                        e);
            } finally {
                open.forEach(running::remove);
            }
        });
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
        try {
            threads.submit(() -> {
                try {
                    executor.execute(request);
                } catch (RuntimeException e) {
                    LOG.error("rescale of job {} failed unexpectedly; the journal keeps what was done", job, e);
                } finally {
                    running.remove(job);
                }
            });
        } catch (RuntimeException e) {
            running.remove(job);
            throw e;
        }
        return true;
    }

    boolean busy(JobOnCluster job) {
        return running.contains(job);
    }

    /** The jobs with a rescale under way now. */
    Set<JobOnCluster> running() {
        return Set.copyOf(running);
    }

    /**
     * Interrupts running rescales: the journal has every step, so the next start resumes them. A stop must
     * not wait minutes for a savepoint.
     */
    @Override
    public void close() {
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
}
