package dev.scalingadvisor.testbed.loadjob.job;

import java.nio.ByteBuffer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Entry point of the load job's Kafka variant: Flink's own {@code KafkaSource} reads a topic of the testbed's
 * broker (records keyed by an int, as the testbed's producer writes them) and feeds the same keyed counter and
 * ledger as {@link LoadJobMain}, so the same state check holds. Records travel with their value, so what sits in
 * Flink's network buffers is as many records as a real job of that record size would hold, not tens of thousands
 * of bare keys. The source starts from the group's committed
 * offsets (the earliest without any) and commits on every checkpoint; its offsets are in checkpointed state, so a
 * restore reads on exactly where the restored counts end.
 */
public final class KafkaLoadJobMain {

    /** New partitions are picked up this often, so "add partitions" takes effect within a test's patience. */
    private static final String PARTITION_DISCOVERY_INTERVAL_MS = "10000";

    private KafkaLoadJobMain() {}

    public static void main(String[] args) throws Exception {
        LoadJobArgs options = LoadJobArgs.parse(args);
        KafkaSourceArgs kafka = KafkaSourceArgs.parse(args);
        StreamExecutionEnvironment env = LoadJobMain.environment(options);
        KafkaSource<Tuple2<Integer, byte[]>> source = KafkaSource.<Tuple2<Integer, byte[]>>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.topic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KeyAndValue())
                .setProperty("partition.discovery.interval.ms", PARTITION_DISCOVERY_INTERVAL_MS)
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("client.id.prefix", "load-job-" + kafka.topic())
                .build();
        DataStream<Tuple2<Integer, byte[]>> records = env.fromSource(
                        source, WatermarkStrategy.noWatermarks(), LoadJobMain.SOURCE)
                .uid(LoadJobMain.SOURCE_UID)
                .setParallelism(kafka.sourceParallelism());
        if (kafka.maxReadRate() > 0) {
            records = records.map(new ReadThrottle<>(kafka.maxReadRate() / kafka.sourceParallelism()))
                    .returns(records.getType())
                    .uid("read-throttle")
                    .name("read-throttle")
                    .setParallelism(kafka.sourceParallelism());
        }
        LoadJobMain.countAndCheck(records, new TheKey(), options);
        env.execute(options.jobName());
    }

    /** A record is its key (a big-endian int, as Kafka's IntegerSerializer writes it) and its value's bytes. */
    static final class KeyAndValue implements KafkaRecordDeserializationSchema<Tuple2<Integer, byte[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Tuple2<Integer, byte[]>> out) {
            if (record.key() == null || record.key().length != Integer.BYTES) {
                throw new IllegalArgumentException("record at " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " has no 4-byte int key");
            }
            out.collect(Tuple2.of(ByteBuffer.wrap(record.key()).getInt(), record.value()));
        }

        @Override
        public TypeInformation<Tuple2<Integer, byte[]>> getProducedType() {
            return Types.TUPLE(Types.INT, Types.PRIMITIVE_ARRAY(Types.BYTE));
        }
    }

    /** Keys the counter by the record's Kafka key. */
    static final class TheKey implements KeySelector<Tuple2<Integer, byte[]>, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(Tuple2<Integer, byte[]> record) {
            return record.f0;
        }
    }
}
