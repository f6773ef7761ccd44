package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.rules.rule.PolicyKind;

/**
 * Turns a job's shape into raw target parallelisms, before bounds and key-group alignment. A policy may
 * be unusable for a job (the rate policy without busy times, the lag policy without backlog figures);
 * the step policy is always usable.
 */
public interface SizingPolicy {

    /** Raw targets for a scale-up: only vertices that should grow. */
    Sizing up(JobShape job);

    /** Raw targets for a scale-down: only vertices that can shrink. */
    Sizing down(JobShape job);

    PolicyKind kind();

    /** The policy of a kind with the job's settings. */
    static SizingPolicy of(PolicyKind kind, PolicySettings settings) {
        return switch (kind) {
            case RATE -> new RatePolicy(settings.targetUtilization());
            case LAG -> new LagPolicy(settings.targetUtilization(), settings.catchUpDuration());
            case STEP -> new StepPolicy(settings.stepFactor());
        };
    }

    /** {@code ceil} that forgives floating-point noise: 4 × 0.7 / 0.7 is 4, not 5. */
    static int ceil(double value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(value - 1e-9));
    }
}
