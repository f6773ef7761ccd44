package dev.scalingadvisor.testbed.loadjob.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The heavy operator, the one a scaling advisor should rescale: does the configured work per record, counts
 * records per key in keyed state and emits (key, count so far), so downstream can tell lost or reset state.
 * Only a record's key matters, so it takes any record type (an offset, a Kafka record's key).
 *
 * @param <T> the records counted
 */
final class KeyedCounter<T> extends KeyedProcessFunction<Integer, T, Tuple2<Integer, Long>> {

    private static final long serialVersionUID = 1L;

    private final RecordWork work;
    private transient ValueState<Long> count;

    KeyedCounter(RecordWork work) {
        this.work = work;
    }

    @Override
    public void open(OpenContext openContext) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public void processElement(T record, Context context, Collector<Tuple2<Integer, Long>> out) throws Exception {
        Long previous = count.value();
        long next = previous == null ? 1 : previous + 1;
        work.perform(next);
        count.update(next);
        out.collect(Tuple2.of(context.getCurrentKey(), next));
    }
}
