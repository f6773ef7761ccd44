package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.rules.explain.Explanation;
import java.util.List;
import java.util.Objects;

/**
 * What the engine decided for one job in one cycle, explained. For {@code up} and {@code down} the vertex
 * changes say exactly which vertices go where (in-place rescaling and savepoint redeploys can both set
 * parallelism per vertex).
 *
 * @param currentParallelism for {@code up}/{@code down}, the parallelism of the widest vertex that changes
 *                           (the bottleneck, when only it changes); for {@code none}, the job's (its widest
 *                           vertex); 0 when unknown
 * @param targetParallelism  that vertex's parallelism after the change; equals current for {@code none}
 * @param vertices           the vertices that change, empty for {@code none}
 */
public record Decision(
        Direction direction,
        int currentParallelism,
        int targetParallelism,
        List<VertexChange> vertices,
        Explanation explanation) {

    public Decision {
        Objects.requireNonNull(direction, "direction");
        vertices = List.copyOf(vertices);
        Objects.requireNonNull(explanation, "explanation");
        if (direction == Direction.NONE && (!vertices.isEmpty() || targetParallelism != currentParallelism)) {
            throw new IllegalArgumentException("a decision without direction changes nothing");
        }
        if (direction == Direction.UP && targetParallelism <= currentParallelism
                || direction == Direction.DOWN && targetParallelism >= currentParallelism) {
            throw new IllegalArgumentException("a " + direction.spelling() + " decision from " + currentParallelism
                    + " to " + targetParallelism + " goes the wrong way");
        }
        if (direction != Direction.NONE && vertices.isEmpty()) {
            throw new IllegalArgumentException("a " + direction.spelling() + " decision names the vertices it changes");
        }
        for (VertexChange change : vertices) {
            if (direction == Direction.UP && change.target() <= change.current()
                    || direction == Direction.DOWN && change.target() >= change.current()) {
                throw new IllegalArgumentException("vertex " + change.name() + " " + change.current() + " → "
                        + change.target() + " does not go " + direction.spelling());
            }
        }
    }

    public static Decision none(int currentParallelism, Explanation explanation) {
        return new Decision(Direction.NONE, currentParallelism, currentParallelism, List.of(), explanation);
    }
}
