package dev.scalingadvisor.testbed.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.process.ListeningSockets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The broker launcher on its own: one broker start serves the whole story (start, topic, produce at a rate with a
 * hot key, consume everything, stop, nothing left behind), about 15 s on a quiet 2-core machine.
 */
class KafkaBrokerIT {

    private static final int PARTITIONS = 4;
    private static final int RATE = 2_000;

    @Test
    void producesAtTheOfferedRateWithAHotKeyIsReadBackCompletelyAndLeavesNothingBehindWhenClosed() throws Exception {
        List<Long> pids;
        Path dir;
        try (KafkaBroker kafka = KafkaBroker.start()) {
            dir = kafka.dir();
            pids = ListeningSockets.javaDescendants();
            assertThat(ListeningSockets.of(pids))
                    .as("listening sockets of the broker JVM")
                    .hasSize(2)
                    .allSatisfy(address -> assertThat(address).matches(ListeningSockets.LOOPBACK_ADDRESS));

            kafka.topics().create("orders", PARTITIONS);
            assertThat(kafka.topics().partitionCount("orders")).isEqualTo(PARTITIONS);

            KeyDistribution keys = KeyDistribution.uniform(100).withHotKey(0.5);
            long started = System.nanoTime();
            try (TopicProducer producer = TopicProducer.start(kafka, "orders", keys)) {
                producer.setRate(RATE);
                Thread.sleep(3_000);
                producer.setRate(0);
                double seconds = (System.nanoTime() - started) / 1e9;
                producer.flush();

                assertThat(producer.failed())
                        .as("failed sends: %s", producer.lastFailure())
                        .isZero();
                assertThat(producer.acknowledged()).isEqualTo(producer.sent());
                assertThat(producer.acknowledged() / seconds)
                        .as("records/s acknowledged")
                        .isBetween(0.85 * RATE, 1.02 * RATE);
                assertThat(KafkaTopics.total(kafka.topics().endOffsets("orders")))
                        .isEqualTo(producer.acknowledged());

                List<ConsumerRecord<Integer, byte[]>> records =
                        readAll(kafka, "orders", producer.acknowledged(), Duration.ofSeconds(30));
                Set<Long> sequences = new HashSet<>();
                Map<Integer, Integer> perKey = new HashMap<>();
                Map<Integer, Integer> perPartition = new HashMap<>();
                for (ConsumerRecord<Integer, byte[]> record : records) {
                    sequences.add(TopicProducer.sequenceOf(record.value()));
                    assertThat(record.value()).hasSize(TopicProducer.DEFAULT_VALUE_BYTES);
                    perKey.merge(record.key(), 1, Integer::sum);
                    perPartition.merge(record.partition(), 1, Integer::sum);
                }
                assertThat(sequences).as("every record exactly once").hasSize(records.size());
                assertThat(perKey.get(0) / (double) records.size())
                        .as("share of the hot key")
                        .isBetween(0.45, 0.56);
                assertThat(perKey).hasSizeGreaterThan(90);
                assertThat(perPartition).hasSize(PARTITIONS);
                assertThat(perPartition.values().stream()
                                .mapToInt(Integer::intValue)
                                .max()
                                .getAsInt())
                        .as("the hot key's partition holds more than half of everything")
                        .isGreaterThan(records.size() / 2);
            }
        }

        assertThat(pids).as("the broker JVM").isNotEmpty();
        assertThat(pids)
                .as("JVMs alive after close")
                .noneMatch(
                        pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(Files.exists(dir)).as("broker dir after close").isFalse();
    }

    private static List<ConsumerRecord<Integer, byte[]>> readAll(
            KafkaBroker kafka, String topic, long expected, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<Integer, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<Integer, byte[]> consumer =
                new KafkaConsumer<>(config, new IntegerDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < kafka.topics().partitionCount(topic); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).as("records read back").hasSize((int) expected);
        return records;
    }
}
