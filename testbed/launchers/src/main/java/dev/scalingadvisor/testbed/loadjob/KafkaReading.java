package dev.scalingadvisor.testbed.loadjob;

import java.util.Objects;

/**
 * How the Kafka variant of the load job reads: the topic and its partitions, the source's parallelism, and an
 * optional cap on its read rate (records/s over all source subtasks; 0 for none) that makes the source itself
 * the job's limit.
 */
public record KafkaReading(String topic, int partitions, int sourceParallelism, double maxReadRate) {

    public KafkaReading {
        Objects.requireNonNull(topic, "topic");
        if (partitions < 1 || sourceParallelism < 1) {
            throw new IllegalArgumentException("partitions and sourceParallelism must be at least 1, not " + partitions
                    + " and " + sourceParallelism);
        }
        if (!(maxReadRate >= 0)) {
            throw new IllegalArgumentException("maxReadRate must be 0 (no limit) or more, not " + maxReadRate);
        }
    }

    /** {@code topic} of {@code partitions} partitions read by {@code sourceParallelism} subtasks, no rate cap. */
    public static KafkaReading of(String topic, int partitions, int sourceParallelism) {
        return new KafkaReading(topic, partitions, sourceParallelism, 0);
    }

    /** The same, the source reading at most {@code recordsPerSecond} over all its subtasks. */
    public KafkaReading withMaxReadRate(double recordsPerSecond) {
        return new KafkaReading(topic, partitions, sourceParallelism, recordsPerSecond);
    }
}
