package dev.scalingadvisor.testbed.loadjob;

import dev.scalingadvisor.testbed.process.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The producer side of the load job's modelled Kafka topic, running in the test (or demo) JVM: it advances the
 * "produced" high-water mark at the offered rate and publishes it to a file the job's source reads, every 20 ms. The rate can change at any time, including to 0.
 */
public final class LoadControl implements LoadProducer {

    /** The job's source reads this file name in the control dir; keep in step with the job's ControlFiles. */
    static final String PRODUCED_FILE = "produced";
    /** The job's source writes its read position here; keep in step with the job's ControlFiles. */
    static final String READ_FILE = "read";
    /** Often, so the source sees a smooth stream: 100 ms steps made bursts that showed as backpressure. */
    private static final long PUBLISH_EVERY_MS = 20;

    private final Path dir;
    private final ScheduledExecutorService publisher;
    private double recordsPerSecond;
    private double producedAtRateChange;
    private long rateChangedAtNanos;
    private long published;

    private LoadControl(Path dir, double recordsPerSecond) {
        this.dir = dir;
        this.recordsPerSecond = recordsPerSecond;
        this.rateChangedAtNanos = System.nanoTime();
        this.publisher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-control-producer");
            thread.setDaemon(true);
            return thread;
        });
        publish();
        publisher.scheduleAtFixedRate(this::publish, PUBLISH_EVERY_MS, PUBLISH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts producing at {@code recordsPerSecond} into a fresh control dir. */
    public static LoadControl start(double recordsPerSecond) {
        requireRate(recordsPerSecond);
        return new LoadControl(TempDirs.create("load"), recordsPerSecond);
    }

    /** Changes the offered rate from now on; records produced so far stay produced. */
    @Override
    public synchronized void setRate(double recordsPerSecond) {
        requireRate(recordsPerSecond);
        long now = System.nanoTime();
        producedAtRateChange = markAt(now);
        rateChangedAtNanos = now;
        this.recordsPerSecond = recordsPerSecond;
        publish();
    }

    @Override
    public synchronized double rate() {
        return recordsPerSecond;
    }

    /** The high-water mark the job can see now: records produced so far. */
    @Override
    public synchronized long produced() {
        return published;
    }

    /** The read position the job's source publishes about every 100 ms. */
    @Override
    public long read() {
        Path file = dir.resolve(READ_FILE);
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** The directory shared with the job: the mark, the source's read position and the ledger. */
    @Override
    public Path dir() {
        return dir;
    }

    @Override
    public String entryClass() {
        return LoadJob.ENTRY_CLASS;
    }

    /** The job finds the mark in the control dir, which every variant is given anyway. */
    @Override
    public List<String> sourceArguments() {
        return List.of();
    }

    /** Stops producing (the mark stays where it is) and deletes the control dir. */
    @Override
    public void close() {
        publisher.shutdownNow();
        TempDirs.deleteRecursively(dir);
    }

    private synchronized void publish() {
        long mark = (long) Math.floor(markAt(System.nanoTime()));
        if (mark != published || !Files.exists(dir.resolve(PRODUCED_FILE))) {
            TempDirs.writeAtomically(dir.resolve(PRODUCED_FILE), Long.toString(mark));
            published = mark;
        }
    }

    private double markAt(long nanos) {
        return producedAtRateChange + recordsPerSecond * (nanos - rateChangedAtNanos) / 1e9;
    }

    private static void requireRate(double recordsPerSecond) {
        if (!(recordsPerSecond >= 0) || Double.isInfinite(recordsPerSecond)) {
            throw new IllegalArgumentException(
                    "rate must be a finite number of records per second >= 0, not " + recordsPerSecond);
        }
    }
}
