package dev.scalingadvisor.actions.rescale;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job is rescaled in {@code act} mode and the guards around it. The {@code rescale:} section gives
 * the defaults; each {@code jobs[]} entry may override any field with its own {@code rescale:}.
 *
 * @param savepointDir            target directory for stop-with-savepoint; empty uses the cluster's
 *                                {@code state.savepoints.dir}
 * @param savepointTimeout        how long a savepoint may take before the stop is abandoned (the job keeps running)
 * @param runningTimeout          how long the rescaled job may take to have all vertices RUNNING
 * @param verifyWindow            how long the job is watched after the rescale for restarts before it counts as a success
 * @param maxPerJobPerHour        rescale budget per job
 * @param maxConcurrentPerCluster rescales running at the same time on one cluster
 * @param checkpointMaxAge        the last completed checkpoint must be younger than this
 * @param submitAttempts          attempts to resubmit after a completed savepoint before the job is reported stopped
 * @param dryRun                  log the exact REST calls instead of making them
 * @param jar                     how to resubmit the job (savepoint-redeploy only)
 */
public record RescaleSettings(
        RescaleStrategy strategy,
        Optional<String> savepointDir,
        Duration savepointTimeout,
        Duration runningTimeout,
        Duration verifyWindow,
        int maxPerJobPerHour,
        int maxConcurrentPerCluster,
        List<ExcludedPeriod> excludedPeriods,
        Duration checkpointMaxAge,
        int submitAttempts,
        boolean allowNonRestoredState,
        boolean dryRun,
        Optional<JobJar> jar) {

    public static final RescaleSettings DEFAULTS = new RescaleSettings(
            RescaleStrategy.AUTO, Optional.empty(), Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(2),
            2, 1, List.of(), Duration.ofMinutes(15), 3, false, false, Optional.empty());

    public RescaleSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(savepointDir, "savepointDir");
        Objects.requireNonNull(savepointTimeout, "savepointTimeout");
        Objects.requireNonNull(runningTimeout, "runningTimeout");
        Objects.requireNonNull(verifyWindow, "verifyWindow");
        Objects.requireNonNull(checkpointMaxAge, "checkpointMaxAge");
        Objects.requireNonNull(jar, "jar");
        excludedPeriods = List.copyOf(excludedPeriods);
        if (maxPerJobPerHour < 1 || maxConcurrentPerCluster < 1 || submitAttempts < 1) {
            throw new IllegalArgumentException("rescale budgets and attempts must be at least 1");
        }
    }
}
