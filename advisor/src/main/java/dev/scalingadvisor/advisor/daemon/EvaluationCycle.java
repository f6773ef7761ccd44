package dev.scalingadvisor.advisor.daemon;

import java.time.Instant;
import java.util.Optional;

/** One evaluation cycle: query, decide, deliver. The scheduler runs it; never two at once. */
@FunctionalInterface
public interface EvaluationCycle {

    /**
     * @param scheduledAt the instant the cycle was scheduled for, which evaluations use as "now"
     * @return what Prometheus made of this cycle, for readiness
     */
    CycleResult run(Instant scheduledAt) throws InterruptedException;

    /** @param prometheusProblem empty when Prometheus answered every query, otherwise what went wrong */
    record CycleResult(Optional<String> prometheusProblem) {}
}
