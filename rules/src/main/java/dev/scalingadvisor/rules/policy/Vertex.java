package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.workload.SourcePartitions;
import dev.scalingadvisor.rules.workload.VertexLoad;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A job vertex as the policies size it: its parallelism now, its key groups when Flink REST told us, and
 * its load when Prometheus has it.
 *
 * @param keyGroups the vertex's max parallelism (number of key groups); empty without Flink REST
 */
public record Vertex(VertexId id, String name, int parallelism, OptionalInt keyGroups, Optional<VertexLoad> load) {

    public Vertex {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyGroups, "keyGroups");
        Objects.requireNonNull(load, "load");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
    }

    public OptionalDouble busyRatio() {
        return load.map(VertexLoad::busyRatio).orElse(OptionalDouble.empty());
    }

    /** For a Kafka source, the partitions it reads: more subtasks than that would read nothing. */
    public Optional<SourcePartitions> partitions() {
        return load.flatMap(VertexLoad::partitions);
    }

    /** The name people read, with the id when the name alone could be ambiguous. */
    public String label() {
        return name.isEmpty() ? id.value() : name;
    }
}
