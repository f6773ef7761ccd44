package dev.scalingadvisor.testbed.loadjob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The load job's program options: its name, keys and skew, and the work per record of its heavy operator.
 *
 * <p>Calibrated on the project's 2-core machines with the defaults (500 µs per record, half of it CPU): one
 * subtask of {@code count-per-key} sustains about {@value #SUBTASK_CAPACITY} records/s; at
 * {@value #SATURATING_RATE} records/s parallelism 1 is saturated (operator busy about 1000 ms/s, source
 * backpressured) while parallelism 2 keeps up.
 */
public record LoadJobOptions(
        String jobName,
        int keys,
        double hotKeyFraction,
        long workMicros,
        double cpuShare,
        Duration checkpointInterval,
        boolean sourceAsFastAsItCan) {

    /** Records/s one subtask of the heavy operator sustains with the default work (measured: 1872/s alone, 3460/s for two). */
    public static final int SUBTASK_CAPACITY = 1870;
    /** A rate that saturates parallelism 1 (134 %) and that parallelism 2 keeps up with (about 72 % busy), with the default work. */
    public static final int SATURATING_RATE = 2500;

    public LoadJobOptions {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (keys < 1 || hotKeyFraction < 0 || hotKeyFraction > 1 || workMicros < 0 || cpuShare < 0 || cpuShare > 1) {
            throw new IllegalArgumentException("invalid load job options: " + keys + " keys, hot key fraction "
                    + hotKeyFraction + ", " + workMicros + " µs work, cpu share " + cpuShare);
        }
    }

    /** Job {@code load-job}, 1000 keys, no skew, 500 µs per record of which half CPU, checkpoints every 2 s. */
    public static LoadJobOptions defaults() {
        return new LoadJobOptions("load-job", 1000, 0, 500, 0.5, Duration.ofSeconds(2), false);
    }

    public LoadJobOptions withJobName(String name) {
        return new LoadJobOptions(
                name, keys, hotKeyFraction, workMicros, cpuShare, checkpointInterval, sourceAsFastAsItCan);
    }

    public LoadJobOptions withKeys(int count) {
        return new LoadJobOptions(
                jobName, count, hotKeyFraction, workMicros, cpuShare, checkpointInterval, sourceAsFastAsItCan);
    }

    /** Sends this share of all records to one key, so one subtask gets more than its share. */
    public LoadJobOptions withHotKeyFraction(double fraction) {
        return new LoadJobOptions(
                jobName, keys, fraction, workMicros, cpuShare, checkpointInterval, sourceAsFastAsItCan);
    }

    /** Wall-clock time per record in the heavy operator, of which {@code cpuShare} burns CPU and the rest waits. */
    public LoadJobOptions withWork(long micros, double share) {
        return new LoadJobOptions(
                jobName, keys, hotKeyFraction, micros, share, checkpointInterval, sourceAsFastAsItCan);
    }

    public LoadJobOptions withCheckpointInterval(Duration interval) {
        return new LoadJobOptions(jobName, keys, hotKeyFraction, workMicros, cpuShare, interval, sourceAsFastAsItCan);
    }

    /**
     * A source that reads an endless sequence as fast as the job takes it, ignoring the producer's rate: it has no
     * backlog and exports no backlog metric, like a generator or a socket. The ledger has no produced count to
     * match, so {@link LoadJob#awaitDrained} cannot prove anything for such a job.
     */
    public LoadJobOptions withSourceAsFastAsItCan() {
        return new LoadJobOptions(jobName, keys, hotKeyFraction, workMicros, cpuShare, checkpointInterval, true);
    }

    /**
     * The job's program arguments for a run reading {@code control}; whoever resubmits the job (the advisor's
     * savepoint-redeploy) must pass exactly these.
     */
    public List<String> programArguments(LoadProducer control) {
        List<String> arguments = new ArrayList<>(List.of(
                "--control-dir", control.dir().toString(),
                "--job-name", jobName,
                "--keys", Integer.toString(keys),
                "--hot-key-fraction", Double.toString(hotKeyFraction),
                "--work-micros", Long.toString(workMicros),
                "--cpu-share", Double.toString(cpuShare),
                "--checkpoint-interval-ms", Long.toString(checkpointInterval.toMillis())));
        if (sourceAsFastAsItCan) {
            arguments.addAll(List.of("--source", "as-fast-as-it-can"));
        }
        arguments.addAll(control.sourceArguments());
        return List.copyOf(arguments);
    }
}
