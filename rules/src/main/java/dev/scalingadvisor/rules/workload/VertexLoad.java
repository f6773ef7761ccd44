package dev.scalingadvisor.rules.workload;

import dev.scalingadvisor.core.job.VertexId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How hard one job vertex works, from Flink's task metrics in Prometheus, aggregated over its subtasks.
 * Times are Flink's milliseconds per second (0 to 1000).
 *
 * @param name            the vertex's (sanitised) name from the {@code task_name} label
 * @param busyAverage     average busy time over the subtasks
 * @param busyHottest     busy time of the busiest subtask (skew)
 * @param backpressure    average backpressured time over the subtasks
 * @param subtasks        how many subtasks have a fresh busy-time sample: the current parallelism without Flink REST
 * @param oldestSample    when the least recently scraped subtask's busy time was sampled (staleness)
 * @param recordsIn       records per second into the vertex, summed over its subtasks
 * @param recordsOut      records per second out of the vertex (a source's throughput)
 * @param partitions      for a Kafka source, the partitions it reads; empty for other vertices
 */
public record VertexLoad(
        VertexId vertex,
        String name,
        OptionalDouble busyAverage,
        OptionalDouble busyHottest,
        OptionalDouble backpressure,
        OptionalInt subtasks,
        Optional<Instant> oldestSample,
        OptionalDouble recordsIn,
        OptionalDouble recordsOut,
        Optional<SourcePartitions> partitions) {

    public VertexLoad {
        Objects.requireNonNull(vertex, "vertex");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(busyAverage, "busyAverage");
        Objects.requireNonNull(busyHottest, "busyHottest");
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(subtasks, "subtasks");
        Objects.requireNonNull(oldestSample, "oldestSample");
        Objects.requireNonNull(recordsIn, "recordsIn");
        Objects.requireNonNull(recordsOut, "recordsOut");
        Objects.requireNonNull(partitions, "partitions");
    }

    /** A vertex that is not a Kafka source. */
    public VertexLoad(
            VertexId vertex,
            String name,
            OptionalDouble busyAverage,
            OptionalDouble busyHottest,
            OptionalDouble backpressure,
            OptionalInt subtasks,
            Optional<Instant> oldestSample,
            OptionalDouble recordsIn,
            OptionalDouble recordsOut) {
        this(
                vertex,
                name,
                busyAverage,
                busyHottest,
                backpressure,
                subtasks,
                oldestSample,
                recordsIn,
                recordsOut,
                Optional.empty());
    }

    /** Busy time as a ratio of wall time, 0 to 1. */
    public OptionalDouble busyRatio() {
        return busyAverage.isPresent()
                ? OptionalDouble.of(clampRatio(busyAverage.getAsDouble() / 1000.0))
                : OptionalDouble.empty();
    }

    /**
     * Records per second through the vertex: what comes in, or for a source (nothing comes in from another
     * vertex) what goes out.
     */
    public OptionalDouble throughput() {
        if (recordsIn.isPresent() && recordsIn.getAsDouble() > 0) {
            return recordsIn;
        }
        return recordsOut.isPresent() ? recordsOut : recordsIn;
    }

    private static double clampRatio(double ratio) {
        return Math.max(0.0, Math.min(1.0, ratio));
    }
}
