package dev.scalingadvisor.testbed.loadjob;

import java.nio.file.Path;
import java.util.List;

/**
 * The producer side of a load job, running in the test (or demo) JVM: offers records at a rate the test sets,
 * and knows how many were produced and how many the job's source has read. Two kinds: {@link LoadControl} (a
 * modelled topic the job reads through a file) and {@link KafkaLoad} (a real topic on the testbed's broker).
 */
public sealed interface LoadProducer extends AutoCloseable permits LoadControl, KafkaLoad {

    /** Changes the offered rate in records per second from now on (0 stops producing). */
    void setRate(double recordsPerSecond);

    double rate();

    /** Records produced so far: they exist for the job to read. */
    long produced();

    /** Records the job's source has read so far, as far as the outside can see it. */
    long read();

    /** The directory shared with the job, where its ledger writes its totals. */
    Path dir();

    /** The job jar's entry class for this kind of source. */
    String entryClass();

    /** The program arguments that tell the job where to read, besides the ones every variant takes. */
    List<String> sourceArguments();

    /** Stops producing and deletes what it created (the control dir). */
    @Override
    void close();
}
