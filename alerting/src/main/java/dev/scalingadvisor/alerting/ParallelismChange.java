package dev.scalingadvisor.alerting;

import dev.scalingadvisor.core.scaling.Direction;
import java.util.List;
import java.util.Objects;

/**
 * A job's parallelism now and the one an event is about: the recommended or attempted target. For
 * {@link EventKind#ROLLED_BACK} it is still the attempted change; the job is back at {@code current}.
 *
 * @param vertices per vertex, where known; empty when the job scales as a whole
 */
public record ParallelismChange(int current, int target, List<VertexChange> vertices) {

    public ParallelismChange {
        vertices = List.copyOf(vertices);
        if (current < 1 || target < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + current + " -> " + target);
        }
        Objects.requireNonNull(vertices, "vertices");
    }

    public Direction direction() {
        return Direction.of(current, target);
    }
}
