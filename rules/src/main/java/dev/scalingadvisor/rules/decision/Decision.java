package dev.scalingadvisor.rules.decision;

import java.util.List;
import java.util.Objects;

/**
 * What the engine decided for one job in one cycle, explained. For {@code up} and {@code down} the vertex
 * changes say exactly which vertices go where (in-place rescaling and savepoint redeploys can both set
 * parallelism per vertex); the job's parallelism is that of its widest vertex.
 *
 * @param currentParallelism the job's parallelism now (its widest vertex); 0 when unknown
 * @param targetParallelism  the job's parallelism after the change; equals current for {@code none}
 * @param vertices           the vertices that change, empty for {@code none}
 */
public record Decision(Direction direction, int currentParallelism, int targetParallelism, List<VertexChange> vertices,
                       Explanation explanation) {

    public Decision {
        Objects.requireNonNull(direction, "direction");
        vertices = List.copyOf(vertices);
        Objects.requireNonNull(explanation, "explanation");
        if (direction == Direction.NONE && (!vertices.isEmpty() || targetParallelism != currentParallelism)) {
            throw new IllegalArgumentException("a decision without direction changes nothing");
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
