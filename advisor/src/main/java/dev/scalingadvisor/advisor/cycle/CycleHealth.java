package dev.scalingadvisor.advisor.cycle;

import java.util.Objects;
import java.util.Optional;

/**
 * How one evaluation cycle went, for readiness.
 *
 * @param prometheusProblem empty when Prometheus answered every query, otherwise what went wrong
 */
public record CycleHealth(Optional<String> prometheusProblem) {

    public CycleHealth {
        Objects.requireNonNull(prometheusProblem, "prometheusProblem");
    }
}
