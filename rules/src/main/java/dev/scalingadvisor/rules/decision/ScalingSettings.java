package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.rules.policy.ExcludedVertices;
import dev.scalingadvisor.rules.policy.PolicySettings;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything that shapes one job's scaling decisions: bounds, the sizing policy, grace periods and
 * guards. The {@code scaling:} section gives the defaults; each {@code jobs[]} entry may override any field.
 *
 * @param stabilization     after a job (re)starts, how long its metrics are ignored (catch-up after a restore is not load)
 * @param scaleUpCooldown   after a rescale, how long before another scale-up may be decided
 * @param scaleDownCooldown after a rescale, how long before a scale-down may be decided
 * @param scaleDownDelay    how long a scale-down must stay recommended before it is decided
 * @param scaleDownMaxFactor the largest share of a vertex's parallelism one decision may remove, in (0, 1]: 0.6
 *     lets 32 go to 13 at most, 1 removes the cap (the Flink operator's {@code job.autoscaler.scale-down.max-factor})
 * @param maxScaleUpFactor  one scale-up decision grows a vertex to at most this many times its parallelism (a policy
 *                          dividing by a throttled source's rate must not ask for 2147483647)
 * @param excludedVertices  vertices that keep their parallelism whatever the rules ask
 */
public record ScalingSettings(
        int minParallelism,
        OptionalInt maxParallelism,
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

    public static final ScalingSettings DEFAULTS = new ScalingSettings(
            1,
            OptionalInt.empty(),
            PolicySettings.DEFAULTS,
            Duration.ofMinutes(3),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofMinutes(10),
            0.6,
            ExcludedVertices.NONE,
            SkewGuardSettings.DEFAULTS,
            IneffectiveScaleUpSettings.DEFAULTS,
            DEFAULT_MAX_SCALE_UP_FACTOR);

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
        if (maxParallelism.isPresent() && maxParallelism.getAsInt() < minParallelism) {
            throw new IllegalArgumentException("maxParallelism (" + maxParallelism.getAsInt()
                    + ") is less than minParallelism (" + minParallelism + ")");
        }
    }

    public ScalingSettings withScaleDownMaxFactor(double factor) {
        return new ScalingSettings(
                minParallelism,
                maxParallelism,
                policy,
                stabilization,
                scaleUpCooldown,
                scaleDownCooldown,
                scaleDownDelay,
                factor,
                excludedVertices,
                skewGuard,
                ineffectiveScaleUp,
                maxScaleUpFactor);
    }

    public ScalingSettings withExcludedVertices(ExcludedVertices excluded) {
        return new ScalingSettings(
                minParallelism,
                maxParallelism,
                policy,
                stabilization,
                scaleUpCooldown,
                scaleDownCooldown,
                scaleDownDelay,
                scaleDownMaxFactor,
                excluded,
                skewGuard,
                ineffectiveScaleUp,
                maxScaleUpFactor);
    }
}
