package dev.scalingadvisor.core.scaling;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.scalingadvisor.core.job.VertexId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The vertices a decision, a recommendation or a rescale changes, in topology order, each with its name, and
 * the one "from → to" that stands for all of them in a headline ({@link #headline()}). Vertices that keep
 * their parallelism may be listed too (a rescale plan pins every vertex); {@link #changed()} drops them.
 */
public record ParallelismChanges(@JsonValue List<ParallelismChange> vertices) {

    public static final ParallelismChanges NONE = new ParallelismChanges(List.of());

    @JsonCreator
    public ParallelismChanges {
        vertices = List.copyOf(vertices);
        Set<VertexId> seen = new HashSet<>();
        for (ParallelismChange change : vertices) {
            if (!seen.add(change.vertex())) {
                throw new IllegalArgumentException(
                        "vertex " + change.name() + " (" + change.vertex() + ") is listed twice");
            }
        }
    }

    public static ParallelismChanges of(ParallelismChange... changes) {
        return new ParallelismChanges(List.of(changes));
    }

    public boolean isEmpty() {
        return vertices.isEmpty();
    }

    /** Whether any vertex's parallelism changes. */
    public boolean changesAny() {
        return vertices.stream().anyMatch(ParallelismChange::isChange);
    }

    /** Only the vertices whose parallelism changes. */
    public ParallelismChanges changed() {
        return new ParallelismChanges(
                vertices.stream().filter(ParallelismChange::isChange).toList());
    }

    public Optional<ParallelismChange> vertex(VertexId id) {
        return vertices.stream().filter(c -> c.vertex().equals(id)).findFirst();
    }

    /** Each vertex's parallelism after the change. */
    public Map<VertexId, Integer> target() {
        return vertices.stream()
                .collect(Collectors.toMap(
                        ParallelismChange::vertex, ParallelismChange::to, (a, b) -> a, LinkedHashMap::new));
    }

    /** Each vertex's parallelism before the change, which a rollback returns to. */
    public Map<VertexId, Integer> previous() {
        return vertices.stream()
                .collect(Collectors.toMap(
                        ParallelismChange::vertex, ParallelismChange::from, (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * The change a headline shows for the whole job ("Scale up orders: 2 → 6"): that of the changing vertex
     * with the highest parallelism before or after, the first in topology order among equals. It is always a
     * change one vertex really makes (vertices A 2 → 6 and B 4 → 5 read "2 → 6", never "4 → 6").
     *
     * @throws IllegalStateException when no vertex changes
     */
    public ParallelismChange headline() {
        return vertices.stream()
                .filter(ParallelismChange::isChange)
                .max(Comparator.comparingInt((ParallelismChange c) -> Math.max(c.from(), c.to()))
                        .thenComparing(c -> -vertices.indexOf(c)))
                .orElseThrow(() -> new IllegalStateException("no vertex changes: " + this));
    }

    /** Which way the headline goes; {@link Direction#NONE} when nothing changes. */
    public Direction direction() {
        return changesAny() ? headline().direction() : Direction.NONE;
    }

    /** {@code Enrich 4 → 6, Source stays at 1}. */
    @Override
    public String toString() {
        return vertices.stream().map(ParallelismChange::toString).collect(Collectors.joining(", "));
    }
}
