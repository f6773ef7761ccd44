package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RuleStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule's standing for one job after a cycle.
 *
 * @param value  the value this cycle; empty when the rule is unknown
 * @param vertex the vertex the value belongs to, when the rule's series are per vertex
 * @param since  when the condition started to hold (pending, firing, clearing)
 * @param reason why the rule is unknown
 */
public record RuleReport(
        RuleName name,
        RuleDirection direction,
        RuleStatus state,
        Optional<Double> value,
        Optional<String> vertex,
        Optional<Instant> since,
        Optional<String> reason) {

    public RuleReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(vertex, "vertex");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }
}
