package dev.scalingadvisor.testbed.loadjob.job;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Reads offsets up to the producer's high-water mark. It exports its lag under the Kafka connector's metric name
 * ({@code KafkaSourceReader.KafkaConsumer.records-lag-max}) and as FLIP-33's {@code pendingRecords}, so rule packs
 * written for Kafka jobs work on it unchanged.
 */
final class ProducedTopicReader implements SourceReader<Long, OffsetSplit> {

    /** How stale the cached high-water mark may get; the producer rewrites it about every 100 ms. */
    private static final long MARK_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final long POSITION_WRITE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long IDLE_POLL_MILLIS = 10;

    private final Path producedFile;
    private final Path readFile;
    private final SourceReaderContext context;
    private final ScheduledExecutorService idleTimer;
    private OffsetSplit split;
    private volatile long position = -1;
    private volatile long produced;
    private long markReadAt;
    private long positionWrittenAt;
    private Counter recordsIn;
    private CompletableFuture<Void> available = CompletableFuture.completedFuture(null);

    ProducedTopicReader(Path controlDir, SourceReaderContext context) {
        this.producedFile = controlDir.resolve(ControlFiles.PRODUCED);
        this.readFile = controlDir.resolve(ControlFiles.READ);
        this.context = context;
        this.idleTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-source-idle-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {
        MetricGroup kafkaConsumer =
                context.metricGroup().addGroup("KafkaSourceReader").addGroup("KafkaConsumer");
        kafkaConsumer.gauge("records-lag-max", this::lag);
        context.metricGroup().setPendingRecordsGauge(this::lag);
        // Flink's SourceReaderBase (and so the Kafka source) counts records read as the source's numRecordsIn.
        recordsIn = context.metricGroup().getIOMetricGroup().getNumRecordsInCounter();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Long> output) {
        if (split == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        long now = System.nanoTime();
        if (position >= produced || now - markReadAt > MARK_REFRESH_NANOS) {
            produced = ControlFiles.readNumber(producedFile);
            markReadAt = now;
        }
        if (now - positionWrittenAt > POSITION_WRITE_NANOS) {
            ControlFiles.writeAtomically(readFile, Long.toString(position));
            positionWrittenAt = now;
        }
        if (position < produced) {
            output.collect(position);
            recordsIn.inc();
            position++;
            return InputStatus.MORE_AVAILABLE;
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<OffsetSplit> snapshotState(long checkpointId) {
        return split == null ? List.of() : List.of(new OffsetSplit(position));
    }

    /** Caught up (or no split yet): look again shortly, as a Kafka consumer's poll would. */
    @Override
    public synchronized CompletableFuture<Void> isAvailable() {
        if (available.isDone()) {
            available = new CompletableFuture<>();
            CompletableFuture<Void> next = available;
            idleTimer.schedule(() -> next.complete(null), IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        return available;
    }

    @Override
    public void addSplits(List<OffsetSplit> splits) {
        for (OffsetSplit assigned : splits) {
            split = assigned;
            position = assigned.nextOffset();
        }
        ControlFiles.writeAtomically(readFile, Long.toString(position));
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        idleTimer.shutdownNow();
    }

    private long lag() {
        return split == null ? 0 : Math.max(0, produced - position);
    }
}
