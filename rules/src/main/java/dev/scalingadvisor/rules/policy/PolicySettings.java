package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.rules.rule.PolicyKind;
import java.time.Duration;
import java.util.Objects;

/**
 * Which target-parallelism policy a job uses and the parameters of each policy.
 *
 * @param stepFactor        {@link PolicyKind#STEP}: the factor applied per step, above 1
 * @param targetUtilization {@link PolicyKind#RATE}: the busy ratio a vertex should run at after scaling, in (0, 1]
 * @param catchUpDuration   {@link PolicyKind#LAG}: how soon the backlog should be drained
 */
public record PolicySettings(PolicyKind kind, double stepFactor, double targetUtilization, Duration catchUpDuration) {

    public static final Option<PolicySettings, PolicyKind> KIND = Option.oneOf(
                    "type", PolicySettings::kind, PolicyKind.STEP)
            .means("how a scale-up target is computed (a rule may name its own)");
    public static final Option<PolicySettings, Double> STEP_FACTOR = Option.decimal(
                    "factor", PolicySettings::stepFactor, 1.01, 10, 1.5)
            .means("step: multiply the parallelism by this per scale-up");
    public static final Option<PolicySettings, Double> TARGET_UTILIZATION = Option.decimal(
                    "targetUtilization", PolicySettings::targetUtilization, 0.05, 1.0, 0.7)
            .means("rate and lag: size vertices so that their busy time lands here");
    public static final Option<PolicySettings, Duration> CATCH_UP_DURATION = Option.duration(
                    "catchUpDuration", PolicySettings::catchUpDuration, "10s", "1d", "10m")
            .means("lag: drain the backlog this fast");

    public static final Section<PolicySettings> SECTION = Section.of(
            "How a scale-up's target parallelism is computed, and the parameters of each policy.",
            v -> new PolicySettings(
                    v.get(KIND), v.get(STEP_FACTOR), v.get(TARGET_UTILIZATION), v.get(CATCH_UP_DURATION)),
            KIND,
            STEP_FACTOR,
            TARGET_UTILIZATION,
            CATCH_UP_DURATION);

    public static final PolicySettings DEFAULTS = SECTION.defaults();

    public PolicySettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(catchUpDuration, "catchUpDuration");
        if (!(stepFactor > 1.0)) {
            throw new IllegalArgumentException("policy.factor must be greater than 1, got " + stepFactor);
        }
        if (!(targetUtilization > 0.0 && targetUtilization <= 1.0)) {
            throw new IllegalArgumentException("policy.targetUtilization must be in (0, 1], got " + targetUtilization);
        }
        if (catchUpDuration.isNegative() || catchUpDuration.isZero()) {
            throw new IllegalArgumentException("policy.catchUpDuration must be positive");
        }
    }

    /** These settings with one value changed. */
    public <V> PolicySettings with(Option<PolicySettings, V> option, V value) {
        return SECTION.with(this, option, value);
    }
}
