package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.settings.InvalidSettingsException;
import dev.scalingadvisor.core.settings.Nested;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.ValueParser;
import dev.scalingadvisor.core.yaml.ValueParsers;
import dev.scalingadvisor.rules.policy.ExcludedVertices;
import dev.scalingadvisor.rules.policy.PolicySettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that shapes one job's scaling decisions: bounds, the sizing policy, grace periods and
 * guards. The {@code scaling:} section gives the defaults; each {@code jobs[]} entry may override any field.
 * Each key is declared once, below, with its bounds, default and meaning.
 *
 * @param scaleDownMaxFactor the largest share of a vertex's parallelism one decision may remove, in (0, 1]: 0.6
 *     lets 32 go to 13 at most, 1 removes the cap (the Flink operator's {@code job.autoscaler.scale-down.max-factor})
 * @param maxScaleUpFactor  one scale-up decision grows a vertex to at most this many times its parallelism (a policy
 *                          dividing by a throttled source's rate must not ask for 2147483647)
 * @param excludedVertices  vertices that keep their parallelism whatever the rules ask
 */
public record ScalingSettings(
        int minParallelism,
        Optional<Integer> maxParallelism,
        PolicySettings policy,
        Duration stabilization,
        Duration scaleUpCooldown,
        Duration scaleDownCooldown,
        Duration scaleDownDelay,
        double scaleDownMaxFactor,
        ExcludedVertices excludedVertices,
        SkewGuardSettings skewGuard,
        IneffectiveScaleUpSettings ineffectiveScaleUp,
        double maxScaleUpFactor) {

    /** The default {@code maxScaleUpFactor}: at most 4× in one step; a job that needs more gets it in a few. */
    public static final double DEFAULT_MAX_SCALE_UP_FACTOR = 4.0;

    private static final int PARALLELISM_LIMIT = 32_768; // Flink's upper bound for max parallelism
    /** A grace period or a hold: up to a week. */
    static final ValueParser<Duration> GRACE = ValueParsers.duration(Duration.ZERO, Duration.ofDays(7));

    public static final Option<ScalingSettings, Integer> MIN_PARALLELISM = Option.integer(
                    "minParallelism", ScalingSettings::minParallelism, 1, PARALLELISM_LIMIT, 1)
            .means("no vertex is scaled below this");
    public static final Option<ScalingSettings, Optional<Integer>> MAX_PARALLELISM = Option.optional(
                    "maxParallelism",
                    ScalingSettings::maxParallelism,
                    ValueParsers.integer(1, PARALLELISM_LIMIT),
                    "none: the job's own max parallelism (its key groups) is the bound")
            .means("no vertex is scaled above this");
    public static final Nested<ScalingSettings, PolicySettings> POLICY = Nested.withShorthand(
            "policy",
            ScalingSettings::policy,
            PolicySettings.SECTION,
            PolicySettings.KIND,
            "how a scale-up's target is computed");
    public static final Option<ScalingSettings, Duration> STABILIZATION = Option.of(
                    "stabilization", ScalingSettings::stabilization, GRACE, Duration.ofMinutes(3))
            .means(
                    "after a job (re)starts, its metrics are ignored this long (catching up after a restore is not load),"
                            + " and act mode does not rescale it sooner");
    public static final Option<ScalingSettings, Duration> SCALE_UP_COOLDOWN = Option.of(
                    "scaleUpCooldown", ScalingSettings::scaleUpCooldown, GRACE, Duration.ofMinutes(5))
            .means("after a rescale, no scale-up is decided for this long");
    public static final Option<ScalingSettings, Duration> SCALE_DOWN_COOLDOWN = Option.of(
                    "scaleDownCooldown", ScalingSettings::scaleDownCooldown, GRACE, Duration.ofMinutes(30))
            .means("after a rescale, no scale-down is decided for this long");
    public static final Option<ScalingSettings, Duration> SCALE_DOWN_DELAY = Option.of(
                    "scaleDownDelay", ScalingSettings::scaleDownDelay, GRACE, Duration.ofMinutes(10))
            .means("a scale-down must stay recommended this long before it is decided");
    public static final Option<ScalingSettings, Double> SCALE_DOWN_MAX_FACTOR = Option.decimal(
                    "scaleDownMaxFactor", ScalingSettings::scaleDownMaxFactor, 0.01, 1.0, 0.6)
            .means(
                    "one scale-down removes at most this share of a vertex's subtasks, always at least one (0.6: 32 goes to"
                            + " 13 at most; 1 removes the cap; the Flink operator's `scale-down.max-factor`)");
    public static final Option<ScalingSettings, ExcludedVertices> EXCLUDED_VERTICES = Option.list(
                    "excludedVertices",
                    ScalingSettings::excludedVertices,
                    ValueParsers.text().describedAs("a vertex id or name"),
                    ExcludedVertices::new,
                    ExcludedVertices::idsOrNames,
                    ExcludedVertices.NONE)
            .means(
                    "vertices that keep their parallelism whatever the rules ask, each by its REST vertex id (Prometheus'"
                            + " `task_id`) or its whole name; the other vertices are sized as usual");
    public static final Nested<ScalingSettings, SkewGuardSettings> SKEW_GUARD = Nested.of(
            "skewGuard",
            ScalingSettings::skewGuard,
            SkewGuardSettings.SECTION,
            "when a vertex is too skewed for more parallelism to help");
    public static final Nested<ScalingSettings, IneffectiveScaleUpSettings> INEFFECTIVE_SCALE_UP = Nested.of(
            "ineffectiveScaleUp",
            ScalingSettings::ineffectiveScaleUp,
            IneffectiveScaleUpSettings.SECTION,
            "when a scale-up counts as ineffective, and what follows");
    public static final Option<ScalingSettings, Double> MAX_SCALE_UP_FACTOR = Option.decimal(
                    "maxScaleUpFactor", ScalingSettings::maxScaleUpFactor, 1.01, 1000, DEFAULT_MAX_SCALE_UP_FACTOR)
            .means("one scale-up grows a vertex to at most this many times its parallelism (a multiplier, unlike the"
                    + " operator's 1 + max-factor): a policy dividing by a throttled source's rate must not ask for"
                    + " thousands");

    public static final Section<ScalingSettings> SECTION = Section.of(
            "How jobs scale. Every key here can be overridden per job under `jobs[]`.",
            v -> new ScalingSettings(
                    v.get(MIN_PARALLELISM),
                    v.get(MAX_PARALLELISM),
                    v.get(POLICY),
                    v.get(STABILIZATION),
                    v.get(SCALE_UP_COOLDOWN),
                    v.get(SCALE_DOWN_COOLDOWN),
                    v.get(SCALE_DOWN_DELAY),
                    v.get(SCALE_DOWN_MAX_FACTOR),
                    v.get(EXCLUDED_VERTICES),
                    v.get(SKEW_GUARD),
                    v.get(INEFFECTIVE_SCALE_UP),
                    v.get(MAX_SCALE_UP_FACTOR)),
            MIN_PARALLELISM,
            MAX_PARALLELISM,
            POLICY,
            STABILIZATION,
            SCALE_UP_COOLDOWN,
            SCALE_DOWN_COOLDOWN,
            SCALE_DOWN_DELAY,
            SCALE_DOWN_MAX_FACTOR,
            EXCLUDED_VERTICES,
            SKEW_GUARD,
            INEFFECTIVE_SCALE_UP,
            MAX_SCALE_UP_FACTOR);

    public static final ScalingSettings DEFAULTS = SECTION.defaults();

    public ScalingSettings {
        Objects.requireNonNull(maxParallelism, "maxParallelism");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(stabilization, "stabilization");
        Objects.requireNonNull(scaleUpCooldown, "scaleUpCooldown");
        Objects.requireNonNull(scaleDownCooldown, "scaleDownCooldown");
        Objects.requireNonNull(scaleDownDelay, "scaleDownDelay");
        Objects.requireNonNull(excludedVertices, "excludedVertices");
        Objects.requireNonNull(skewGuard, "skewGuard");
        Objects.requireNonNull(ineffectiveScaleUp, "ineffectiveScaleUp");
        if (!(scaleDownMaxFactor > 0 && scaleDownMaxFactor <= 1)) {
            throw new IllegalArgumentException("scaleDownMaxFactor must be in (0, 1], got " + scaleDownMaxFactor);
        }
        if (!(maxScaleUpFactor > 1.0)) {
            throw new IllegalArgumentException("maxScaleUpFactor must be more than 1, got " + maxScaleUpFactor);
        }
        if (minParallelism < 1) {
            throw new IllegalArgumentException("minParallelism must be at least 1, got " + minParallelism);
        }
        if (maxParallelism.isPresent() && maxParallelism.get() < minParallelism) {
            throw new InvalidSettingsException(
                    "maxParallelism (" + maxParallelism.get() + ") is less than minParallelism (" + minParallelism
                            + ")",
                    List.of(MAX_PARALLELISM.key(), MIN_PARALLELISM.key()));
        }
    }

    /** These settings with one value changed. */
    public <V> ScalingSettings with(Option<ScalingSettings, V> option, V value) {
        return SECTION.with(this, option, value);
    }

    /** These settings with one nested section changed: {@code with(POLICY, rate)}. */
    public <N> ScalingSettings with(Nested<ScalingSettings, N> nested, N value) {
        return SECTION.with(this, nested, value);
    }
}
