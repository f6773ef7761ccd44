package dev.scalingadvisor.testbed.loadjob.job;

import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source modelling one Kafka partition: a producer outside the job publishes how many records exist
 * (the high-water mark file), and the source emits offsets up to it as fast as downstream takes them, keeping its
 * read offset in checkpointed state. It emits the offsets themselves; the offset is the record.
 */
public final class ProducedTopicSource implements Source<Long, OffsetSplit, List<OffsetSplit>> {

    private static final long serialVersionUID = 1L;

    private final String controlDir;

    public ProducedTopicSource(String controlDir) {
        this.controlDir = controlDir;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Long, OffsetSplit> createReader(SourceReaderContext context) {
        return new ProducedTopicReader(java.nio.file.Path.of(controlDir), context);
    }

    @Override
    public SplitEnumerator<OffsetSplit, List<OffsetSplit>> createEnumerator(
            SplitEnumeratorContext<OffsetSplit> context) {
        return new SingleSplitEnumerator(context, List.of(new OffsetSplit(0)));
    }

    @Override
    public SplitEnumerator<OffsetSplit, List<OffsetSplit>> restoreEnumerator(
            SplitEnumeratorContext<OffsetSplit> context, List<OffsetSplit> pending) {
        return new SingleSplitEnumerator(context, pending);
    }

    @Override
    public SimpleVersionedSerializer<OffsetSplit> getSplitSerializer() {
        return new OffsetSplitSerializer.ForSplit();
    }

    @Override
    public SimpleVersionedSerializer<List<OffsetSplit>> getEnumeratorCheckpointSerializer() {
        return new OffsetSplitSerializer.ForPendingSplits();
    }
}
