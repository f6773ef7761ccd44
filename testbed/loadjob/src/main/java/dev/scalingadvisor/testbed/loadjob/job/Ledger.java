package dev.scalingadvisor.testbed.loadjob.job;

import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The proof that no state was lost: receives every (key, count) the heavy operator emits, keeps in checkpointed
 * state the highest count per key, their sum, and how often a key's count failed to grow (a reset or replayed
 * duplicate) or skipped (a lost update). When the load has drained, the sum must equal the records produced.
 * Runs at parallelism 1 on a single constant key (for timers); publishes its totals in the {@code ledger} file
 * every 200 ms and as gauges.
 */
final class Ledger extends KeyedProcessFunction<Integer, Tuple2<Integer, Long>, Long> {

    private static final long serialVersionUID = 1L;
    private static final long PUBLISH_EVERY_MS = 200;

    private final String controlDir;
    private transient MapState<Integer, Long> highestCount;
    private transient ValueState<Totals> totals;
    private transient volatile Totals published;

    Ledger(String controlDir) {
        this.controlDir = controlDir;
    }

    @Override
    public void open(OpenContext openContext) {
        highestCount =
                getRuntimeContext().getMapState(new MapStateDescriptor<>("highest-count", Integer.class, Long.class));
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals", Totals.class));
        published = new Totals();
        MetricGroup ledger = getRuntimeContext().getMetricGroup().addGroup("ledger");
        ledger.gauge("sumOfKeyCounts", () -> published.sumOfKeyCounts);
        ledger.gauge("resets", () -> published.resets);
        ledger.gauge("gaps", () -> published.gaps);
        ledger.gauge("keys", () -> published.keys);
    }

    @Override
    public void processElement(Tuple2<Integer, Long> keyCount, Context context, Collector<Long> out) throws Exception {
        Totals current = current();
        Long highest = highestCount.get(keyCount.f0);
        long before = highest == null ? 0 : highest;
        long count = keyCount.f1;
        current.records++;
        if (count <= before) {
            current.resets++;
        } else {
            if (count > before + 1) {
                current.gaps++;
            }
            if (highest == null) {
                current.keys++;
            }
            current.sumOfKeyCounts += count - before;
            highestCount.put(keyCount.f0, count);
        }
        totals.update(current);
        published = current.copy();
        // Aligned timestamps: after a restore the restored timer and a new one coincide instead of doubling up.
        long now = context.timerService().currentProcessingTime();
        context.timerService().registerProcessingTimeTimer((now / PUBLISH_EVERY_MS + 1) * PUBLISH_EVERY_MS);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<Long> out) throws Exception {
        Totals current = current();
        published = current.copy();
        ControlFiles.writeAtomically(Path.of(controlDir).resolve(ControlFiles.LEDGER), current.toFileText());
        context.timerService().registerProcessingTimeTimer(timestamp + PUBLISH_EVERY_MS);
    }

    private Totals current() throws Exception {
        Totals value = totals.value();
        return value == null ? new Totals() : value.copy();
    }

    /** The ledger's running totals; a Flink POJO so it is checkpointed with the POJO serializer. */
    public static final class Totals {
        public long sumOfKeyCounts;
        public long resets;
        public long gaps;
        public long records;
        public long keys;

        public Totals() {}

        Totals copy() {
            Totals copy = new Totals();
            copy.sumOfKeyCounts = sumOfKeyCounts;
            copy.resets = resets;
            copy.gaps = gaps;
            copy.records = records;
            copy.keys = keys;
            return copy;
        }

        String toFileText() {
            return "sumOfKeyCounts=" + sumOfKeyCounts + "\nresets=" + resets + "\ngaps=" + gaps + "\nrecords=" + records
                    + "\nkeys=" + keys + "\n";
        }
    }

    /** Sends everything to one key, so the ledger sees all keys and can use timers. */
    static final class Everything implements KeySelector<Tuple2<Integer, Long>, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer getKey(Tuple2<Integer, Long> keyCount) {
            return 0;
        }
    }
}
