package dev.scalingadvisor.rules.workload;

import java.util.List;

/**
 * The Kafka partitions a source vertex reads, counted from the connector's per-partition offset series
 * ({@code KafkaSourceReader_topic_partition_currentOffset}): more source subtasks than partitions read nothing.
 *
 * @param count distinct partitions over all topics
 * @param topics the topics, sorted
 */
public record SourcePartitions(int count, List<String> topics) {

    public SourcePartitions {
        if (count < 1) {
            throw new IllegalArgumentException("a source reads at least one partition, not " + count);
        }
        topics = List.copyOf(topics);
    }

    /** {@code orders} or {@code orders, payments}: for explanations and findings. */
    public String topicList() {
        return String.join(", ", topics);
    }
}
