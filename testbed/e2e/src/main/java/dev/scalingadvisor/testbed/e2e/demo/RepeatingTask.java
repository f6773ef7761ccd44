package dev.scalingadvisor.testbed.e2e.demo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread of the demo that runs a task again and again until closed: the pollers of Flink and of the
 * advisor's decisions, and the timeline. A daemon thread, so that a demo interrupted with Ctrl-C is not held up.
 */
final class RepeatingTask implements AutoCloseable {

    private final ScheduledExecutorService thread;

    RepeatingTask(String threadName) {
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, threadName);
            named.setDaemon(true);
            return named;
        });
    }

    /** Runs {@code task} now and then {@code pause} after each run ends. */
    void withPauses(Runnable task, Duration pause) {
        thread.scheduleWithFixedDelay(task, 0, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} now and then every {@code period}, however long a run took. */
    void atFixedRate(Runnable task, Duration period) {
        thread.scheduleAtFixedRate(task, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interrupts a run in progress and waits for it to end (at most 5 s). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
