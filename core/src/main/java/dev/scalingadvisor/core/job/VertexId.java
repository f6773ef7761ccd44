package dev.scalingadvisor.core.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A job vertex's id: the REST API's vertex id, which is also the {@code task_id} label in Prometheus and
 * the key of the adaptive scheduler's resource requirements. Stable across resubmissions of the same jar.
 */
public record VertexId(@JsonValue String value) implements Comparable<VertexId> {

    @JsonCreator
    public VertexId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a vertex id must not be blank");
        }
    }

    @Override
    public int compareTo(VertexId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
