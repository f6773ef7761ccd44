package dev.scalingadvisor.testbed.loadjob.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Entry point of the load job: topic source (parallelism 1; or, with {@code --source as-fast-as-it-can}, an endless
 * number sequence read as fast as the job takes it, with no backlog metric) → keyBy → {@code count-per-key} (the heavy,
 * rescalable operator) → {@code ledger} (parallelism 1) → discard. Operator uids are stable so savepoints
 * restore across resubmissions at any parallelism of the heavy operator.
 */
public final class LoadJobMain {

    /** The name of the heavy operator's vertex, which rescaling is about. */
    public static final String HEAVY_OPERATOR = "count-per-key";

    static final int HEAVY_OPERATOR_MAX_PARALLELISM = 128;

    /** The name of the source operator; Flink names its vertex {@code Source: orders}. */
    static final String SOURCE = "orders";

    /** The source's uid: the same in both variants, so their vertex ids and savepoint layout match. */
    static final String SOURCE_UID = "orders-source";

    private LoadJobMain() {}

    public static void main(String[] args) throws Exception {
        LoadJobArgs options = LoadJobArgs.parse(args);
        StreamExecutionEnvironment env = environment(options);
        // Both sources are FLIP-27 sources of longs under the same uid and name, so the job's shape is the same.
        Source<Long, ?, ?> source = options.sourceAsFastAsItCan()
                ? new NumberSequenceSource(0, Long.MAX_VALUE)
                : new ProducedTopicSource(options.controlDir().toString());
        DataStream<Long> offsets = env.fromSource(source, WatermarkStrategy.noWatermarks(), SOURCE)
                .uid(SOURCE_UID)
                // One partition, one reader: rescaling the job must change the heavy operator, not the source.
                .setParallelism(1)
                .setMaxParallelism(1);
        countAndCheck(offsets, new RecordKey(options.keys(), options.hotKeyFraction()), options);
        env.execute(options.jobName());
    }

    static StreamExecutionEnvironment environment(LoadJobArgs options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(options.checkpointIntervalMs());
        return env;
    }

    /**
     * Everything after the source, the same in every variant: keyBy → {@code count-per-key} → {@code ledger} →
     * discard.
     */
    static <T> void countAndCheck(DataStream<T> records, KeySelector<T, Integer> key, LoadJobArgs options) {
        String controlDir = options.controlDir().toString();
        records.keyBy(key)
                .process(new KeyedCounter<T>(new RecordWork(options.workMicros(), options.cpuShare())))
                .uid(HEAVY_OPERATOR)
                .name(HEAVY_OPERATOR)
                .setMaxParallelism(HEAVY_OPERATOR_MAX_PARALLELISM)
                .keyBy(new Ledger.Everything())
                .process(new Ledger(controlDir))
                .uid("ledger")
                .name("ledger")
                .setParallelism(1)
                .setMaxParallelism(1)
                .sinkTo(new DiscardingSink<>())
                .uid("discard")
                .name("discard")
                .setParallelism(1);
    }
}
