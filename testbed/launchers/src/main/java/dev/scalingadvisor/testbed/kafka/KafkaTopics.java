package dev.scalingadvisor.testbed.kafka;

import dev.scalingadvisor.testbed.process.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** The testbed broker's topics through Kafka's admin client: create, grow, and read end and committed offsets. */
public final class KafkaTopics {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;

    KafkaTopics(Admin admin) {
        this.admin = admin;
    }

    /** Creates {@code topic} with {@code partitions} partitions and waits until every partition has a leader. */
    public void create(String topic, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least 1 partition, not " + partitions);
        }
        await(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all());
        awaitLeaders(topic, partitions);
    }

    /** Grows {@code topic} to {@code partitions} partitions in total (Kafka cannot shrink a topic). */
    public void increasePartitions(String topic, int partitions) {
        await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions)))
                .all());
        awaitLeaders(topic, partitions);
    }

    public int partitionCount(String topic) {
        return describe(topic).partitions().size();
    }

    /** The next offset to be written, per partition: the records each partition holds (nothing is deleted here). */
    public Map<Integer, Long> endOffsets(String topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartitionInfo partition : describe(topic).partitions()) {
            request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                await(admin.listOffsets(request).all());
        Map<Integer, Long> byPartition = new TreeMap<>();
        offsets.forEach((partition, info) -> byPartition.put(partition.partition(), info.offset()));
        return byPartition;
    }

    /**
     * The offsets consumer group {@code group} has committed for {@code topic}, per partition; a partition the
     * group never committed is missing. The Flink Kafka source commits on every completed checkpoint.
     */
    public Map<Integer, Long> committedOffsets(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<Integer, Long> byPartition = new TreeMap<>();
        committed.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                byPartition.put(partition.partition(), offset.offset());
            }
        });
        return byPartition;
    }

    /** The sum of {@code offsets}' values: records in a topic, or records a group has consumed. */
    public static long total(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private TopicDescription describe(String topic) {
        return await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    }

    private void awaitLeaders(String topic, int partitions) {
        Instant deadline = Instant.now().plus(CALL_TIMEOUT);
        while (true) {
            Optional<TopicDescription> description = tryDescribe(topic);
            if (description.isPresent()
                    && description.get().partitions().size() == partitions
                    && description.get().partitions().stream().allMatch(p -> p.leader() != null)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("topic " + topic + " did not get " + partitions
                        + " partitions with a leader within " + CALL_TIMEOUT.toSeconds() + " s: " + description);
            }
            Waits.sleep(Duration.ofMillis(100));
        }
    }

    private Optional<TopicDescription> tryDescribe(String topic) {
        try {
            return Optional.of(describe(topic));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Kafka admin call failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka admin call did not answer within " + CALL_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Kafka", e);
        }
    }
}
