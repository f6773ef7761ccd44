package dev.scalingadvisor.testbed.loadjob.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Entry point of the load job: topic source (parallelism 1) → keyBy → {@code count-per-key} (the heavy,
 * rescalable operator) → {@code ledger} (parallelism 1) → discard. Operator uids are stable so savepoints
 * restore across resubmissions at any parallelism of the heavy operator.
 */
public final class LoadJobMain {

    /** The name of the heavy operator's vertex, which rescaling is about. */
    public static final String HEAVY_OPERATOR = "count-per-key";

    static final int HEAVY_OPERATOR_MAX_PARALLELISM = 128;

    private LoadJobMain() {}

    public static void main(String[] args) throws Exception {
        LoadJobArgs options = LoadJobArgs.parse(args);
        String controlDir = options.controlDir().toString();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(options.checkpointIntervalMs());

        env.fromSource(new ProducedTopicSource(controlDir), WatermarkStrategy.noWatermarks(), "orders")
                .uid("orders-source")
                // One partition, one reader: rescaling the job must change the heavy operator, not the source.
                .setParallelism(1)
                .setMaxParallelism(1)
                .keyBy(new RecordKey(options.keys(), options.hotKeyFraction()))
                .process(new KeyedCounter(new RecordWork(options.workMicros(), options.cpuShare())))
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

        env.execute(options.jobName());
    }
}
