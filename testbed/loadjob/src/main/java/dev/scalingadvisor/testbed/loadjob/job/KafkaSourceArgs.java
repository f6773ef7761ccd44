package dev.scalingadvisor.testbed.loadjob.job;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka variant's own program arguments, besides {@link LoadJobArgs}.
 *
 * @param bootstrapServers the broker, {@code host:port}
 * @param topic the topic to read
 * @param groupId the consumer group the source commits its offsets under (on every checkpoint)
 * @param sourceParallelism readers of the topic; more than it has partitions leaves some idle
 * @param maxReadRate records/s the source reads at most, over all its subtasks; 0 for no limit
 */
public record KafkaSourceArgs(
        String bootstrapServers, String topic, String groupId, int sourceParallelism, double maxReadRate)
        implements Serializable {

    public KafkaSourceArgs {
        Objects.requireNonNull(bootstrapServers, "--bootstrap-servers is required");
        Objects.requireNonNull(topic, "--topic is required");
        Objects.requireNonNull(groupId, "groupId");
        if (sourceParallelism < 1) {
            throw new IllegalArgumentException("--source-parallelism must be at least 1, not " + sourceParallelism);
        }
        if (!(maxReadRate >= 0)) {
            throw new IllegalArgumentException("--max-read-rate must be 0 (no limit) or more, not " + maxReadRate);
        }
    }

    public static KafkaSourceArgs parse(String[] args) {
        Map<String, String> values = LoadJobArgs.pairs(args);
        String topic = values.get("topic");
        return new KafkaSourceArgs(
                values.get("bootstrap-servers"),
                topic,
                values.getOrDefault("group-id", "load-job-" + topic),
                Integer.parseInt(values.getOrDefault("source-parallelism", "1")),
                Double.parseDouble(values.getOrDefault("max-read-rate", "0")));
    }
}
