package dev.scalingadvisor.testbed.loadjob.job;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Caps how fast a source subtask reads, chained to it: the source itself becomes the limit, without
 * backpressure and without a busy downstream. With a backlog and an offered rate equal to the cap, the lag is
 * large and flat: the job keeps up, and nothing asks for more parallelism.
 *
 * @param <T> the records passed through
 */
final class ReadThrottle<T> implements MapFunction<T, T> {

    private static final long serialVersionUID = 1L;

    private final long nanosPerRecord;
    private transient long next;

    /** At most {@code recordsPerSecond} records per second through this subtask. */
    ReadThrottle(double recordsPerSecond) {
        if (!(recordsPerSecond > 0)) {
            throw new IllegalArgumentException("a read rate must be positive, not " + recordsPerSecond);
        }
        this.nanosPerRecord = Math.round(TimeUnit.SECONDS.toNanos(1) / recordsPerSecond);
    }

    @Override
    public T map(T record) {
        long now = System.nanoTime();
        if (next == 0 || next < now - TimeUnit.SECONDS.toNanos(1)) {
            // Start, or after a stall: no burst to make up for the lost second.
            next = now;
        }
        next += nanosPerRecord;
        long wait = next - now;
        if (wait > TimeUnit.MILLISECONDS.toNanos(1)) {
            LockSupport.parkNanos(wait);
        }
        return record;
    }
}
