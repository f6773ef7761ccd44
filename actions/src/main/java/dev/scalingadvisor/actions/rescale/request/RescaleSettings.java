package dev.scalingadvisor.actions.rescale.request;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job is rescaled in {@code act} mode and the guards around it. The {@code rescale:} section gives
 * the defaults; each {@code jobs[]} entry may override any field with its own {@code rescale:}.
 *
 * @param savepointDir            target directory for stop-with-savepoint; empty uses the cluster's
 *                                configured savepoint directory
 * @param savepointTimeout        how long a stop-with-savepoint may take before the advisor stops waiting
 * @param runningTimeout          how long the rescaled job may take to have all vertices RUNNING at the target
 * @param verifyWindow            how long the job is watched after the rescale for restarts before it counts as a success
 * @param submitAttempts          attempts to resubmit after a completed savepoint before the job is reported stopped
 * @param submitBackoff           wait before the second submit attempt; it doubles for each further attempt
 * @param submitTimeout           how long one jar upload or jar run call may take (Flink runs the job's main method in it)
 * @param pollInterval            how often the advisor asks Flink about a savepoint or the job's state while it waits
 * @param maxPerJobPerHour        rescale budget per job: started rescales in the last hour
 * @param maxConcurrentPerCluster rescales running at the same time on one cluster
 * @param excludedPeriods         when no rescale may start, each read in {@code timeZone}
 * @param timeZone                the zone {@code excludedPeriods} are read in; the JVM's unless set (UTC in containers)
 * @param stabilizationPeriod     the job must have been RUNNING at least this long (since it last started or restarted);
 *                                not read from {@code rescale:}, the daemon sets it to the job's {@code scaling.stabilization}
 * @param checkpointMaxAge        the last completed checkpoint must be younger than this
 * @param maxCheckpointFailures   checkpoint failures tolerated within {@code checkpointFailureWindow}
 * @param checkpointFailureWindow how far back checkpoint failures count
 * @param dryRun                  log the exact REST calls instead of making them
 * @param jar                     how to resubmit the job (savepoint-redeploy only)
 */
public record RescaleSettings(
        RescaleStrategy strategy,
        Optional<String> savepointDir,
        Duration savepointTimeout,
        Duration runningTimeout,
        Duration verifyWindow,
        int submitAttempts,
        Duration submitBackoff,
        Duration submitTimeout,
        Duration pollInterval,
        int maxPerJobPerHour,
        int maxConcurrentPerCluster,
        List<ExcludedPeriod> excludedPeriods,
        ZoneId timeZone,
        Duration stabilizationPeriod,
        Duration checkpointMaxAge,
        int maxCheckpointFailures,
        Duration checkpointFailureWindow,
        boolean allowNonRestoredState,
        boolean dryRun,
        Optional<JobJar> jar) {

    public static final RescaleSettings DEFAULTS = new RescaleSettings(
            RescaleStrategy.AUTO,
            Optional.empty(),
            Duration.ofMinutes(10),
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            3,
            Duration.ofSeconds(5),
            Duration.ofMinutes(2),
            Duration.ofSeconds(1),
            2,
            1,
            List.of(),
            ZoneOffset.UTC,
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            0,
            Duration.ofMinutes(15),
            false,
            false,
            Optional.empty());

    public RescaleSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(savepointDir, "savepointDir");
        requirePositive(savepointTimeout, "savepointTimeout");
        requirePositive(runningTimeout, "runningTimeout");
        Objects.requireNonNull(verifyWindow, "verifyWindow");
        requirePositive(submitBackoff, "submitBackoff");
        requirePositive(submitTimeout, "submitTimeout");
        requirePositive(pollInterval, "pollInterval");
        Objects.requireNonNull(stabilizationPeriod, "stabilizationPeriod");
        requirePositive(checkpointMaxAge, "checkpointMaxAge");
        requirePositive(checkpointFailureWindow, "checkpointFailureWindow");
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(timeZone, "timeZone");
        excludedPeriods = List.copyOf(excludedPeriods);
        if (maxPerJobPerHour < 1 || maxConcurrentPerCluster < 1 || submitAttempts < 1) {
            throw new IllegalArgumentException("rescale budgets and attempts must be at least 1");
        }
        if (maxCheckpointFailures < 0) {
            throw new IllegalArgumentException("maxCheckpointFailures must not be negative");
        }
        if (verifyWindow.isNegative() || stabilizationPeriod.isNegative()) {
            throw new IllegalArgumentException("verifyWindow and stabilizationPeriod must not be negative");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** A builder starting from these settings, for per-job overrides in code and for tests. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some fields of a {@link RescaleSettings}; {@link #build()} validates the result. */
    public static final class Builder {
        private RescaleStrategy strategy;
        private Optional<String> savepointDir;
        private Duration savepointTimeout;
        private Duration runningTimeout;
        private Duration verifyWindow;
        private int submitAttempts;
        private Duration submitBackoff;
        private Duration submitTimeout;
        private Duration pollInterval;
        private int maxPerJobPerHour;
        private int maxConcurrentPerCluster;
        private List<ExcludedPeriod> excludedPeriods;
        private ZoneId timeZone;
        private Duration stabilizationPeriod;
        private Duration checkpointMaxAge;
        private int maxCheckpointFailures;
        private Duration checkpointFailureWindow;
        private boolean allowNonRestoredState;
        private boolean dryRun;
        private Optional<JobJar> jar;

        private Builder(RescaleSettings s) {
            strategy = s.strategy;
            savepointDir = s.savepointDir;
            savepointTimeout = s.savepointTimeout;
            runningTimeout = s.runningTimeout;
            verifyWindow = s.verifyWindow;
            submitAttempts = s.submitAttempts;
            submitBackoff = s.submitBackoff;
            submitTimeout = s.submitTimeout;
            pollInterval = s.pollInterval;
            maxPerJobPerHour = s.maxPerJobPerHour;
            maxConcurrentPerCluster = s.maxConcurrentPerCluster;
            excludedPeriods = s.excludedPeriods;
            timeZone = s.timeZone;
            stabilizationPeriod = s.stabilizationPeriod;
            checkpointMaxAge = s.checkpointMaxAge;
            maxCheckpointFailures = s.maxCheckpointFailures;
            checkpointFailureWindow = s.checkpointFailureWindow;
            allowNonRestoredState = s.allowNonRestoredState;
            dryRun = s.dryRun;
            jar = s.jar;
        }

        public Builder strategy(RescaleStrategy value) {
            strategy = value;
            return this;
        }

        public Builder savepointDir(String value) {
            savepointDir = Optional.of(value);
            return this;
        }

        public Builder savepointTimeout(Duration value) {
            savepointTimeout = value;
            return this;
        }

        public Builder runningTimeout(Duration value) {
            runningTimeout = value;
            return this;
        }

        public Builder verifyWindow(Duration value) {
            verifyWindow = value;
            return this;
        }

        public Builder submitAttempts(int value) {
            submitAttempts = value;
            return this;
        }

        public Builder submitBackoff(Duration value) {
            submitBackoff = value;
            return this;
        }

        public Builder submitTimeout(Duration value) {
            submitTimeout = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public Builder maxPerJobPerHour(int value) {
            maxPerJobPerHour = value;
            return this;
        }

        public Builder maxConcurrentPerCluster(int value) {
            maxConcurrentPerCluster = value;
            return this;
        }

        public Builder timeZone(ZoneId value) {
            timeZone = value;
            return this;
        }

        public Builder excludedPeriods(List<ExcludedPeriod> value) {
            excludedPeriods = value;
            return this;
        }

        public Builder stabilizationPeriod(Duration value) {
            stabilizationPeriod = value;
            return this;
        }

        public Builder checkpointMaxAge(Duration value) {
            checkpointMaxAge = value;
            return this;
        }

        public Builder maxCheckpointFailures(int value) {
            maxCheckpointFailures = value;
            return this;
        }

        public Builder checkpointFailureWindow(Duration value) {
            checkpointFailureWindow = value;
            return this;
        }

        public Builder allowNonRestoredState(boolean value) {
            allowNonRestoredState = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder jar(JobJar value) {
            jar = Optional.of(value);
            return this;
        }

        public RescaleSettings build() {
            return new RescaleSettings(
                    strategy,
                    savepointDir,
                    savepointTimeout,
                    runningTimeout,
                    verifyWindow,
                    submitAttempts,
                    submitBackoff,
                    submitTimeout,
                    pollInterval,
                    maxPerJobPerHour,
                    maxConcurrentPerCluster,
                    excludedPeriods,
                    timeZone,
                    stabilizationPeriod,
                    checkpointMaxAge,
                    maxCheckpointFailures,
                    checkpointFailureWindow,
                    allowNonRestoredState,
                    dryRun,
                    jar);
        }
    }
}
