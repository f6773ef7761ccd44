package dev.scalingadvisor.core.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A Flink job's id (32 hex digits in Flink; the {@code job_id} label in Prometheus). The identity of a
 * job everywhere in the advisor: names are for display, since Flink's reporter sanitises them.
 */
public record JobId(@JsonValue String value) implements Comparable<JobId> {

    @JsonCreator
    public JobId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a job id must not be blank");
        }
    }

    @Override
    public int compareTo(JobId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
