package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.core.text.Spelling;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Optional;

/** No rescale while the cluster's circuit breaker is not closed: a cluster that just failed is not a cluster to restart jobs on. */
public final class CircuitBreakerGuard implements BookkeepingGuard {

    @Override
    public Optional<Refusal> check(Bookkeeping facts) {
        if (facts.breaker() == CircuitBreaker.State.CLOSED) {
            return Optional.empty();
        }
        return Refusal.of(
                PreflightGuard.CIRCUIT_BREAKER,
                "the circuit breaker of cluster " + facts.request().cluster() + " is "
                        + Spelling.of(facts.breaker())
                        + " after failed calls to its REST API");
    }
}
