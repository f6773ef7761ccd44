package dev.scalingadvisor.core.scaling;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.scalingadvisor.core.job.VertexId;
import java.util.Objects;

/**
 * One vertex's parallelism before and after: what a decision proposes, a recommendation tells, a rescale
 * request asks, the journal records and an event reports. The same value from the engine to the message,
 * so the vertex keeps its name everywhere (also in a rescale recovered after a restart).
 *
 * @param name the vertex's name for people (Flink's, when its REST API gave it; else its id)
 */
public record ParallelismChange(VertexId vertex, String name, int from, int to) {

    public ParallelismChange {
        Objects.requireNonNull(vertex, "vertex");
        Objects.requireNonNull(name, "name");
        if (from < 1 || to < 1) {
            throw new IllegalArgumentException(
                    "vertex " + name + ": parallelism must be at least 1, not " + from + " → " + to);
        }
    }

    @JsonIgnore // not a property: JSON has from and to
    public boolean isChange() {
        return from != to;
    }

    public Direction direction() {
        return Direction.of(from, to);
    }

    /** The same change backwards, for a rollback. */
    public ParallelismChange reversed() {
        return new ParallelismChange(vertex, name, to, from);
    }

    /** The vertex kept at the parallelism it runs at. */
    public static ParallelismChange unchanged(VertexId vertex, String name, int parallelism) {
        return new ParallelismChange(vertex, name, parallelism, parallelism);
    }

    /** {@code Enrich 4 → 6}, or {@code Source stays at 4}. */
    @Override
    public String toString() {
        return isChange() ? name + " " + from + " → " + to : name + " stays at " + from;
    }
}
