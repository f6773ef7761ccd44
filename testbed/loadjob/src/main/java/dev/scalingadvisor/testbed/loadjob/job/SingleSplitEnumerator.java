package dev.scalingadvisor.testbed.loadjob.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands the topic's single partition to reader 0, and again after a failover gives it back. */
final class SingleSplitEnumerator implements SplitEnumerator<OffsetSplit, List<OffsetSplit>> {

    private final SplitEnumeratorContext<OffsetSplit> context;
    private final List<OffsetSplit> unassigned;

    SingleSplitEnumerator(SplitEnumeratorContext<OffsetSplit> context, List<OffsetSplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<OffsetSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        assignIfReaderIsThere();
    }

    @Override
    public void addReader(int subtaskId) {
        assignIfReaderIsThere();
    }

    @Override
    public List<OffsetSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(unassigned);
    }

    @Override
    public void close() {}

    private void assignIfReaderIsThere() {
        if (!unassigned.isEmpty() && context.registeredReaders().containsKey(0)) {
            for (OffsetSplit split : unassigned) {
                context.assignSplit(split, 0);
            }
            unassigned.clear();
        }
    }
}
