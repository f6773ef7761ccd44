package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.rules.rule.Rule;
import java.util.Objects;

/** Something wrong with a rule as a whole in a cycle: Prometheus rejected its query, or its series lack the job label. */
public record RuleProblem(Rule rule, String problem) {

    public RuleProblem {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(problem, "problem");
    }

    /** {@code default.yaml:14:7: rules[2] (backpressure): …}, pointing at the rule's expression. */
    @Override
    public String toString() {
        return rule.origin().expr() + ": " + rule.origin().path() + " (" + rule.name() + "): " + problem;
    }
}
