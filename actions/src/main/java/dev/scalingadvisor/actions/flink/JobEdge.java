package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.job.VertexId;
import java.util.Objects;

/**
 * A connection of the job graph from the plan in {@code GET /jobs/:id}: records flow from {@code source}
 * to {@code target}, partitioned by {@code shipStrategy} ({@code HASH}, {@code FORWARD}, {@code REBALANCE} …).
 */
public record JobEdge(VertexId source, VertexId target, String shipStrategy) {

    public JobEdge {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(shipStrategy, "shipStrategy");
    }
}
