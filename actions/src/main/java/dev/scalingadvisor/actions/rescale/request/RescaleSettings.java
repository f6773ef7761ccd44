package dev.scalingadvisor.actions.rescale.request;

import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.ValueParser;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job is rescaled in {@code act} mode and the guards around it. The {@code rescale:} section gives
 * the defaults; each {@code jobs[]} entry may override any key with its own {@code rescale:}. Each key is
 * declared once, below, with its bounds, default and meaning; {@link #with} changes one in code.
 *
 * @param stabilizationPeriod the job must have been RUNNING at least this long (since it last started or
 *                            restarted); no key of its own: the daemon sets it to the job's
 *                            {@code scaling.stabilization} (one setting for one idea)
 * @param excludedPeriods     when no rescale may start, each moved into {@code timeZone} (so that a job that sets only
 *                            its own zone reads the periods it inherits in it)
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

    private static final ValueParser<Duration> TIMEOUT =
            ValueParsers.duration(Duration.ofSeconds(1), Duration.ofHours(6));

    public static final Option<RescaleSettings, RescaleStrategy> STRATEGY = Option.oneOf(
                    "strategy", RescaleSettings::strategy, RescaleStrategy.AUTO)
            .means("in-place changes the job's resource requirements (adaptive scheduler); savepoint-redeploy stops it"
                    + " with a savepoint and resubmits it; auto takes in-place where the job's scheduler allows");
    public static final Option<RescaleSettings, Optional<String>> SAVEPOINT_DIR = Option.optional(
                    "savepointDir",
                    RescaleSettings::savepointDir,
                    ValueParsers.text().describedAs("directory URI"),
                    "the cluster's `state.savepoints.dir`")
            .means("where stop-with-savepoint writes the savepoint");
    public static final Option<RescaleSettings, Duration> SAVEPOINT_TIMEOUT = Option.of(
                    "savepointTimeout", RescaleSettings::savepointTimeout, TIMEOUT, Duration.ofMinutes(10))
            .means("how long a stop-with-savepoint may take before the advisor stops waiting");
    public static final Option<RescaleSettings, Duration> RUNNING_TIMEOUT = Option.of(
                    "runningTimeout", RescaleSettings::runningTimeout, TIMEOUT, Duration.ofMinutes(5))
            .means("how long the rescaled job may take to have every vertex RUNNING at its target");
    public static final Option<RescaleSettings, Duration> VERIFY_WINDOW = Option.duration(
                    "verifyWindow", RescaleSettings::verifyWindow, "0s", "6h", "2m")
            .means("the rescaled job is watched this long for failures and restarts before the rescale counts as a"
                    + " success");
    public static final Option<RescaleSettings, Integer> SUBMIT_ATTEMPTS = Option.integer(
                    "submitAttempts", RescaleSettings::submitAttempts, 1, 20, 3)
            .means("attempts to resubmit the job after a completed savepoint before it is reported stopped");
    public static final Option<RescaleSettings, Duration> SUBMIT_BACKOFF = Option.duration(
                    "submitBackoff", RescaleSettings::submitBackoff, "100ms", "10m", "5s")
            .means("wait before the second resubmission; it doubles for each further one");
    public static final Option<RescaleSettings, Duration> SUBMIT_TIMEOUT = Option.of(
                    "submitTimeout", RescaleSettings::submitTimeout, TIMEOUT, Duration.ofMinutes(2))
            .means("how long one jar upload or jar run call may take (Flink runs the job's main method in it)");
    public static final Option<RescaleSettings, Duration> POLL_INTERVAL = Option.duration(
                    "pollInterval", RescaleSettings::pollInterval, "100ms", "1m", "1s")
            .means("how often the advisor asks Flink about a savepoint or the job's state while it waits");
    public static final Option<RescaleSettings, Integer> MAX_PER_JOB_PER_HOUR = Option.integer(
                    "maxPerJobPerHour", RescaleSettings::maxPerJobPerHour, 1, 60, 2)
            .means("rescales of one job started in the last hour, at most");
    public static final Option<RescaleSettings, Integer> MAX_CONCURRENT_PER_CLUSTER = Option.integer(
                    "maxConcurrentPerCluster", RescaleSettings::maxConcurrentPerCluster, 1, 100, 1)
            .means("rescales running at the same time on one cluster, at most");
    public static final Option<RescaleSettings, List<ExcludedPeriod>> EXCLUDED_PERIODS = Option.list(
                    "excludedPeriods", RescaleSettings::excludedPeriods, ExcludedPeriod.parser(), List.of())
            .means("no rescale starts while one of these matches, read in `timeZone`: a cron expression"
                    + " (`* * 9-17 ? * MON-FRI`: office hours), a daily range (`22:30-01:15`, end excluded, past"
                    + " midnight when earlier) or both (`09:30-10:50 && * * * ? * MON,THU`), as the Flink operator's"
                    + " `excluded.periods`");
    public static final Option<RescaleSettings, ZoneId> TIME_ZONE = Option.of(
                    "timeZone", RescaleSettings::timeZone, ValueParsers.timeZone(), ZoneOffset.UTC)
            .means("the zone `excludedPeriods` are read in; a job that sets only its own zone reads the periods it"
                    + " inherits in it")
            .defaultShownAs("the JVM's zone (UTC in containers)");
    public static final Option<RescaleSettings, Duration> STABILIZATION_PERIOD =
            Option.internal("stabilizationPeriod", RescaleSettings::stabilizationPeriod, Duration.ofMinutes(5));
    public static final Option<RescaleSettings, Duration> CHECKPOINT_MAX_AGE = Option.of(
                    "checkpointMaxAge", RescaleSettings::checkpointMaxAge, TIMEOUT, Duration.ofMinutes(15))
            .means("no rescale of a job whose last completed checkpoint is older");
    public static final Option<RescaleSettings, Integer> MAX_CHECKPOINT_FAILURES = Option.integer(
                    "maxCheckpointFailures", RescaleSettings::maxCheckpointFailures, 0, 1000, 0)
            .means("no rescale after more checkpoint failures than this since the job last started, within"
                    + " `checkpointFailureWindow`");
    public static final Option<RescaleSettings, Duration> CHECKPOINT_FAILURE_WINDOW = Option.duration(
                    "checkpointFailureWindow", RescaleSettings::checkpointFailureWindow, "1s", "1d", "15m")
            .means("how far back checkpoint failures count");
    public static final Option<RescaleSettings, Boolean> ALLOW_NON_RESTORED_STATE = Option.flag(
                    "allowNonRestoredState", RescaleSettings::allowNonRestoredState, false)
            .means("savepoint-redeploy: resubmit even when some savepoint state maps to no operator");
    public static final Option<RescaleSettings, Boolean> DRY_RUN = Option.flag("dryRun", RescaleSettings::dryRun, false)
            .means("log the exact REST calls instead of making them");
    public static final Option<RescaleSettings, Optional<JobJar>> JAR = Option.optionalMapping(
                    "jar", RescaleSettings::jar, JobJar.SECTION, "none: savepoint-redeploy is refused")
            .means("savepoint-redeploy: how to resubmit the job (usually set per job)");

    public static final Section<RescaleSettings> SECTION = Section.of(
            "How jobs are rescaled in act mode, and the guards around a rescale. Every key can be overridden"
                    + " per job under `jobs[].rescale`.",
            v -> new RescaleSettings(
                    v.get(STRATEGY),
                    v.get(SAVEPOINT_DIR),
                    v.get(SAVEPOINT_TIMEOUT),
                    v.get(RUNNING_TIMEOUT),
                    v.get(VERIFY_WINDOW),
                    v.get(SUBMIT_ATTEMPTS),
                    v.get(SUBMIT_BACKOFF),
                    v.get(SUBMIT_TIMEOUT),
                    v.get(POLL_INTERVAL),
                    v.get(MAX_PER_JOB_PER_HOUR),
                    v.get(MAX_CONCURRENT_PER_CLUSTER),
                    v.get(EXCLUDED_PERIODS),
                    v.get(TIME_ZONE),
                    v.get(STABILIZATION_PERIOD),
                    v.get(CHECKPOINT_MAX_AGE),
                    v.get(MAX_CHECKPOINT_FAILURES),
                    v.get(CHECKPOINT_FAILURE_WINDOW),
                    v.get(ALLOW_NON_RESTORED_STATE),
                    v.get(DRY_RUN),
                    v.get(JAR)),
            STRATEGY,
            SAVEPOINT_DIR,
            SAVEPOINT_TIMEOUT,
            RUNNING_TIMEOUT,
            VERIFY_WINDOW,
            SUBMIT_ATTEMPTS,
            SUBMIT_BACKOFF,
            SUBMIT_TIMEOUT,
            POLL_INTERVAL,
            MAX_PER_JOB_PER_HOUR,
            MAX_CONCURRENT_PER_CLUSTER,
            EXCLUDED_PERIODS,
            TIME_ZONE,
            STABILIZATION_PERIOD,
            CHECKPOINT_MAX_AGE,
            MAX_CHECKPOINT_FAILURES,
            CHECKPOINT_FAILURE_WINDOW,
            ALLOW_NON_RESTORED_STATE,
            DRY_RUN,
            JAR);

    public static final RescaleSettings DEFAULTS = SECTION.defaults();

    public RescaleSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(savepointDir, "savepointDir");
        requirePositive(savepointTimeout, "savepointTimeout");
        requirePositive(runningTimeout, "runningTimeout");
        Objects.requireNonNull(verifyWindow, "verifyWindow");
        requirePositive(submitBackoff, "submitBackoff");
        requirePositive(submitTimeout, "submitTimeout");
        requirePositive(pollInterval, "pollInterval");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(stabilizationPeriod, "stabilizationPeriod");
        requirePositive(checkpointMaxAge, "checkpointMaxAge");
        requirePositive(checkpointFailureWindow, "checkpointFailureWindow");
        Objects.requireNonNull(jar, "jar");
        ZoneId zone = timeZone;
        excludedPeriods =
                excludedPeriods.stream().map(period -> period.inZone(zone)).toList();
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

    /** These settings with one value changed and validated again: {@code DEFAULTS.with(DRY_RUN, true)}. */
    public <V> RescaleSettings with(Option<RescaleSettings, V> option, V value) {
        return SECTION.with(this, option, value);
    }
}
