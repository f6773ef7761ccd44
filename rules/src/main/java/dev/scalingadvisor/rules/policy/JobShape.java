package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.core.job.VertexId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A job as the policies see it: its vertices now and the job-wide lag figures. */
public record JobShape(List<Vertex> vertices, LagFigures lag) {

    public JobShape {
        vertices = List.copyOf(vertices);
        Objects.requireNonNull(lag, "lag");
    }

    /**
     * The vertex that limits the job: the busiest one. Backpressure shows on the vertices upstream of a
     * bottleneck while the bottleneck itself is busy and not backpressured, so busy time (not backpressure)
     * names the vertex to scale.
     */
    public Optional<Vertex> bottleneck() {
        return vertices.stream()
                .filter(v -> v.busyRatio().isPresent())
                .max(Comparator.comparingDouble(v -> v.busyRatio().getAsDouble()));
    }

    /** The vertex with this id, if the job has it. */
    public Optional<Vertex> vertex(VertexId id) {
        for (Vertex vertex : vertices) { // a loop, not a stream: sizing asks it for every vertex at every step
            if (vertex.id().equals(id)) {
                return Optional.of(vertex);
            }
        }
        return Optional.empty();
    }

    /** How messages name the vertex with this id: its label, or the id of a vertex the job no longer has. */
    public String label(VertexId id) {
        return vertex(id).map(Vertex::label).orElse(id.value());
    }

    /** The job's parallelism: that of its widest vertex. */
    public int parallelism() {
        return vertices.stream().mapToInt(Vertex::parallelism).max().orElse(0);
    }
}
