package dev.scalingadvisor.advisor.cycle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one evaluation cycle went, for readiness.
 *
 * @param prometheusProblem empty when Prometheus answered every query, otherwise what went wrong
 * @param degraded          parts of the cycle that failed on their own while the rest went on (a job that could not
 *                          be evaluated, a delivery that failed, the state that could not be saved), in words
 * @param jobsLeftStopped   jobs a rescale of this advisor stopped and that do not run again yet, in words
 */
public record CycleHealth(Optional<String> prometheusProblem, List<String> degraded, List<String> jobsLeftStopped) {

    public CycleHealth {
        Objects.requireNonNull(prometheusProblem, "prometheusProblem");
        degraded = List.copyOf(degraded);
        jobsLeftStopped = List.copyOf(jobsLeftStopped);
    }
}
