package dev.scalingadvisor.testbed.e2e.loop;

import dev.scalingadvisor.testbed.flink.FlinkRest;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the copies of a job running at once, every 500 ms, while a fault plays out: the promise is never two.
 * A look that fails (Flink away, on purpose) is not a copy; the next one counts.
 */
final class CopiesWatch implements AutoCloseable {

    private final AtomicInteger most = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    private CopiesWatch(FlinkRest rest, String jobName) {
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        most.accumulateAndGet(FlinkJobs.live(rest, jobName).size(), Math::max);
                    } catch (RuntimeException e) {
                        // not a copy
                    }
                },
                0,
                500,
                TimeUnit.MILLISECONDS);
    }

    static CopiesWatch start(FlinkRest rest, String jobName) {
        return new CopiesWatch(rest, jobName);
    }

    /** The most copies seen running at once so far. */
    int most() {
        return most.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
