package dev.scalingadvisor.rules.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules the advisor evaluates, from one or more pack files, in file order; names are unique across all
 * of them (a rule's state is kept under its name).
 */
public record RulePack(List<Rule> rules) {

    public RulePack {
        rules = List.copyOf(rules);
        Set<RuleName> names = new HashSet<>();
        for (Rule rule : rules) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("two rules are named " + rule.name());
            }
        }
    }

    // Loops, not streams: the engine asks these for every job at every step of a replay.
    public Optional<Rule> rule(RuleName name) {
        for (Rule rule : rules) {
            if (rule.name().equals(name)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public List<Rule> up() {
        return inDirection(RuleDirection.UP);
    }

    public List<Rule> down() {
        return inDirection(RuleDirection.DOWN);
    }

    private List<Rule> inDirection(RuleDirection direction) {
        List<Rule> result = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            if (rule.direction() == direction) {
                result.add(rule);
            }
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * How much history decides the rules' state now: the longest {@code for} plus {@code keepFiringFor}.
     * Rebuilding state after a restart reads this much.
     */
    public Duration memory() {
        return rules.stream()
                .map(r -> r.forDuration().plus(r.keepFiringFor()))
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }
}
