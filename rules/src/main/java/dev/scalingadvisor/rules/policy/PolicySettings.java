package dev.scalingadvisor.rules.policy;

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

    public static final PolicySettings DEFAULTS = new PolicySettings(PolicyKind.STEP, 1.5, 0.7, Duration.ofMinutes(10));

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
}
