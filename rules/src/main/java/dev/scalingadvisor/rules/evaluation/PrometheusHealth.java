package dev.scalingadvisor.rules.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * Whether Prometheus answered the cycle's queries, for readiness. Query mistakes (a rule's PromQL that
 * Prometheus rejects) are not listed here: they are the pack's problem, reported with the rule.
 *
 * @param problems what went wrong with Prometheus itself (unreachable, timeouts, 5xx, unreadable answers)
 */
public record PrometheusHealth(int queries, List<String> problems) {

    public PrometheusHealth {
        problems = List.copyOf(problems);
    }

    public boolean answered() {
        return problems.isEmpty();
    }

    /** Empty when every query was answered, otherwise a summary for {@code /readyz}. */
    public Optional<String> problem() {
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(problems.size() + " of " + queries + " queries failed; first: " + problems.get(0));
    }
}
