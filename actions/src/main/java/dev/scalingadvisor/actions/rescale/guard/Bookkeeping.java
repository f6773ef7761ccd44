package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.Objects;

/**
 * What the advisor knows without asking Flink: its circuit breaker, its journal and the clock. Checked first,
 * so a sick or busy cluster is not even asked.
 *
 * @param openOnCluster       rescales of this cluster under way or unresolved (left stopped, awaiting recovery)
 * @param jobHasOpenOperation whether this job has one of them
 * @param startedLastHour     rescales of this job started in the last hour
 */
public record Bookkeeping(
        RescaleRequest request,
        Instant now,
        CircuitBreaker.State breaker,
        int openOnCluster,
        boolean jobHasOpenOperation,
        int startedLastHour) {

    public Bookkeeping {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(breaker, "breaker");
    }
}
