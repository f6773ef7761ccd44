package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import java.util.Objects;

/** One vertex's part of a decision: from its current parallelism to its target. */
public record VertexChange(VertexId vertex, String name, int current, int target) {

    public VertexChange {
        Objects.requireNonNull(vertex, "vertex");
        Objects.requireNonNull(name, "name");
        if (current < 1 || target < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + current + " → " + target);
        }
    }

    public boolean changes() {
        return current != target;
    }
}
