package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.rescale.JournalEntry;
import dev.scalingadvisor.actions.rescale.RescaleExecutor;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.rules.decision.Decision;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out rescales away from the evaluation cycle (one takes minutes; a cycle takes a moment), at most
 * one per job at a time. Jobs are keyed by cluster and name, not id: a savepoint-redeploy gives the job a
 * new id. At start it resumes or rolls back what the journal shows unfinished, before any new rescale.
 */
final class RescaleWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RescaleWorker.class);

    private final RescaleExecutor executor;
    private final ExecutorService threads;
    private final Map<String, Optional<Decision>> running = new ConcurrentHashMap<>();

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
        var open = journal.open();
        if (open.isEmpty()) {
            return;
        }
        for (JournalEntry entry : open) {
            running.put(key(entry.plan().cluster(), entry.plan().jobName()), Optional.empty());
        }
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
                open.forEach(entry ->
                        running.remove(key(entry.plan().cluster(), entry.plan().jobName())));
            }
        });
    }

    /**
     * Starts the rescale unless one of the same job is under way.
     *
     * @param decision what the rescale carries out, so its events can explain themselves
     * @return whether it was started
     */
    boolean submit(RescaleRequest request, Decision decision) {
        String key = key(request.cluster(), request.jobName());
        if (running.putIfAbsent(key, Optional.of(decision)) != null) {
            return false;
        }
        try {
            threads.submit(() -> {
                try {
                    executor.execute(request);
                } catch (RuntimeException e) {
                    LOG.error(
                            "rescale of job {} on {} failed unexpectedly; the journal keeps what was done",
                            request.jobName(),
                            request.cluster(),
                            e);
                } finally {
                    running.remove(key);
                }
            });
        } catch (RuntimeException e) {
            running.remove(key);
            throw e;
        }
        return true;
    }

    boolean busy(String cluster, String jobName) {
        return running.containsKey(key(cluster, jobName));
    }

    /** The decision a running rescale of this job carries out, when it was started in this run of the advisor. */
    Optional<Decision> decisionOf(String cluster, String jobName) {
        return running.getOrDefault(key(cluster, jobName), Optional.empty());
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
                        running.keySet());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String key(String cluster, String jobName) {
        return cluster + "/" + jobName;
    }
}
