package dev.scalingadvisor.testbed.loadjob.job;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The cost of handling one record: a fixed wall-clock time per record, partly burning CPU and partly waiting
 * (as a lookup in another system would). Measuring wall-clock time rather than counting iterations keeps a
 * subtask's capacity the same when other processes compete for the two cores, so a given rate saturates a
 * known parallelism; the waiting part keeps a saturated job from eating the machine.
 */
final class RecordWork implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Parking for less than this is mostly overhead; waiting time is collected until it adds up to this. */
    private static final long MIN_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long cpuNanos;
    private final long waitNanos;
    private final Time time;
    private transient long waitOwed;
    private transient double sink;

    RecordWork(long workMicros, double cpuShare) {
        this(workMicros, cpuShare, SystemTime.INSTANCE);
    }

    RecordWork(long workMicros, double cpuShare, Time time) {
        long total = TimeUnit.MICROSECONDS.toNanos(workMicros);
        this.cpuNanos = Math.round(total * cpuShare);
        this.waitNanos = total - cpuNanos;
        this.time = time;
    }

    void perform(long seed) {
        if (cpuNanos > 0) {
            long end = time.nanoTime() + cpuNanos;
            double x = seed;
            while (time.nanoTime() < end) {
                x = Math.sqrt(x + 1.0);
            }
            // Keeps the JIT from proving the loop useless.
            sink += x;
        }
        waitOwed += waitNanos;
        if (waitOwed >= MIN_PARK_NANOS) {
            long start = time.nanoTime();
            time.park(waitOwed);
            // Oversleeping is paid back by the next records, so the average cost stays exact.
            waitOwed -= time.nanoTime() - start;
        }
    }

    double sink() {
        return sink;
    }

    /** Where the work reads the time and waits: the system's, or a test's. */
    interface Time extends Serializable {
        long nanoTime();

        void park(long nanos);
    }

    /** The JVM's monotonic clock and {@link LockSupport#parkNanos}. */
    enum SystemTime implements Time {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void park(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    }
}
