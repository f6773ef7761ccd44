package dev.scalingadvisor.rules.rule;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One scaling rule: a PromQL expression that returns one series per job (or per job vertex), a
 * threshold with hysteresis, and how long the condition must hold before the rule fires.
 *
 * @param forDuration   how long the condition must hold before the rule fires (Prometheus' {@code for})
 * @param keepFiringFor how long a firing rule keeps firing after its value crossed {@code clear}
 * @param sizing        the policy that sizes a scale-up this rule causes, when it should not be the job's own
 */
public record Rule(
        RuleName name,
        Signal signal,
        RuleDirection direction,
        String expr,
        Threshold threshold,
        Duration forDuration,
        Duration keepFiringFor,
        SummaryTemplate summary,
        Optional<PolicyKind> sizing,
        RuleOrigin origin) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(forDuration, "forDuration");
        Objects.requireNonNull(keepFiringFor, "keepFiringFor");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(sizing, "sizing");
        Objects.requireNonNull(origin, "origin");
        if (expr.isBlank()) {
            throw new IllegalArgumentException("expr must not be blank");
        }
        if (forDuration.isNegative() || keepFiringFor.isNegative()) {
            throw new IllegalArgumentException("for and keepFiringFor must not be negative");
        }
    }

    /** A rule made in code, for tests and benchmarks. */
    public static Rule of(
            String name,
            Signal signal,
            RuleDirection direction,
            String expr,
            Threshold threshold,
            Duration forDuration) {
        return new Rule(
                new RuleName(name),
                signal,
                direction,
                expr,
                threshold,
                forDuration,
                Duration.ZERO,
                SummaryTemplate.parse("{{ value }}"),
                Optional.empty(),
                RuleOrigin.inCode(name));
    }

    public Rule withKeepFiringFor(Duration keep) {
        return new Rule(name, signal, direction, expr, threshold, forDuration, keep, summary, sizing, origin);
    }

    /** Whether the rule asks for a scale-up when it fires. */
    public boolean isUp() {
        return direction == RuleDirection.UP;
    }
}
