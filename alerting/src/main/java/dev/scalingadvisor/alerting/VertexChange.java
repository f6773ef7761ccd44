package dev.scalingadvisor.alerting;

import dev.scalingadvisor.core.job.VertexId;
import java.util.Objects;

/** One vertex's parallelism before and after, for jobs whose vertices scale separately. */
public record VertexChange(VertexId id, String name, int current, int target) {

    public VertexChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (current < 1 || target < 1) {
            throw new IllegalArgumentException(
                    "vertex " + name + ": parallelism must be at least 1, got " + current + " -> " + target);
        }
    }
}
