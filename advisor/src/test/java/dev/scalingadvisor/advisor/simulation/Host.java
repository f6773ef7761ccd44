package dev.scalingadvisor.advisor.simulation;

import java.time.Duration;

/**
 * The simulated machine a job runs on: one TaskManager on one host.
 *
 * @param cores           the host's cores; CPU load is a share of them, as Flink's JVM CPU load is
 * @param effectiveCores  how many subtasks' worth of the operator the host runs at full speed (measured: 1.9 on 2 cores)
 * @param slots           task slots of the TaskManager; a rescale beyond them is refused
 * @param baselineCores   CPU the job uses besides the operator (source, network, JVM)
 * @param cpuNoise        standard deviation of a CPU load reading
 * @param restartDelay    from the rescale request until the job restarts (the adaptive scheduler's wait)
 * @param restartDowntime how long the restart stops processing
 */
record Host(
        int cores,
        double effectiveCores,
        int slots,
        double baselineCores,
        double cpuNoise,
        Duration restartDelay,
        Duration restartDowntime) {

    /** The 2-core testbed host with one 4-slot TaskManager, as measured (FLINK-NOTES, docs/decision-quality.md). */
    static final Host TWO_CORES = new Host(2, 1.9, 4, 0.02, 0.025, Duration.ofSeconds(2), Duration.ofSeconds(1));

    /** A host large enough that parallelism, not the machine, limits the job up to 8 subtasks. */
    static final Host EIGHT_CORES = new Host(8, 8, 8, 0.1, 0.02, Duration.ofSeconds(2), Duration.ofSeconds(1));
}
