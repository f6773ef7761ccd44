package dev.scalingadvisor.testbed.loadjob;

import dev.scalingadvisor.testbed.kafka.KafkaBroker;
import dev.scalingadvisor.testbed.kafka.KafkaTopics;
import dev.scalingadvisor.testbed.kafka.KeyDistribution;
import dev.scalingadvisor.testbed.kafka.TopicProducer;
import dev.scalingadvisor.testbed.process.TempDirs;
import java.nio.file.Path;
import java.util.List;

/**
 * The producer side of the load job's Kafka variant: a topic on the testbed's broker, a {@link TopicProducer}
 * into it, and the consumer group the job's KafkaSource commits under, whose committed offsets are what the job
 * has read as Kafka (and kafka-exporter, Burrow …) sees it.
 */
public final class KafkaLoad implements LoadProducer {

    /** The job jar's entry class of the Kafka variant. */
    public static final String ENTRY_CLASS = "dev.scalingadvisor.testbed.loadjob.job.KafkaLoadJobMain";

    private final KafkaBroker broker;
    private final KafkaReading reading;
    private final TopicProducer producer;
    private final Path dir;

    private KafkaLoad(KafkaBroker broker, KafkaReading reading, TopicProducer producer, Path dir) {
        this.broker = broker;
        this.reading = reading;
        this.producer = producer;
        this.dir = dir;
    }

    /** Creates the topic and a producer into it at rate 0. */
    public static KafkaLoad start(KafkaBroker broker, KafkaReading reading, KeyDistribution keys) {
        broker.topics().create(reading.topic(), reading.partitions());
        return new KafkaLoad(
                broker, reading, TopicProducer.start(broker, reading.topic(), keys), TempDirs.create("load"));
    }

    public String topic() {
        return reading.topic();
    }

    /** The consumer group the job commits its offsets under. */
    public String groupId() {
        return "load-job-" + reading.topic();
    }

    public TopicProducer producer() {
        return producer;
    }

    @Override
    public void setRate(double recordsPerSecond) {
        producer.setRate(recordsPerSecond);
    }

    @Override
    public double rate() {
        return producer.rate();
    }

    /** Records the broker acknowledged. */
    @Override
    public long produced() {
        return producer.acknowledged();
    }

    /** The offsets the job's group has committed, summed over partitions (Flink commits on every checkpoint). */
    @Override
    public long read() {
        return KafkaTopics.total(broker.topics().committedOffsets(groupId(), reading.topic()));
    }

    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public String entryClass() {
        return ENTRY_CLASS;
    }

    @Override
    public List<String> sourceArguments() {
        return List.of(
                "--bootstrap-servers", broker.bootstrapServers(),
                "--topic", reading.topic(),
                "--group-id", groupId(),
                "--source-parallelism", Integer.toString(reading.sourceParallelism()),
                "--max-read-rate", Double.toString(reading.maxReadRate()));
    }

    /** Stops the producer and deletes the control dir; the topic goes with the broker. */
    @Override
    public void close() {
        try {
            producer.close();
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }
}
