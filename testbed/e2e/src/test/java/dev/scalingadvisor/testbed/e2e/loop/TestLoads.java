package dev.scalingadvisor.testbed.e2e.loop;

import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.kafka.KafkaBroker;
import dev.scalingadvisor.testbed.loadjob.KafkaReading;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.loadjob.Submission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The load jobs one test runs on the class's cluster, and their cleanup after each test: every run on the
 * cluster is cancelled (also the runs the advisor submitted, which {@link LoadJob#close()} does not know),
 * then each job's producer is stopped.
 *
 * <pre>{@code
 * @RegisterExtension
 * TestLoads loads = new TestLoads(flink::cluster);
 * }</pre>
 */
final class TestLoads implements AfterEachCallback {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    private final Supplier<FlinkCluster> cluster;
    private final List<LoadJob> started = new ArrayList<>();

    TestLoads(Supplier<FlinkCluster> cluster) {
        this.cluster = cluster;
    }

    /** Submits a load job at {@code parallelism} producing {@code rate} records/s; returns once all its tasks run. */
    LoadJob start(LoadJobOptions options, int parallelism, double rate) {
        LoadJob load = LoadJob.create(options);
        started.add(load);
        load.setRate(rate);
        load.submitAndAwaitRunning(cluster.get(), Submission.parallelism(parallelism), START_TIMEOUT);
        return load;
    }

    /** A load job named {@code name} at parallelism 1, offered more records than one subtask handles. */
    LoadJob saturating(String name) {
        return start(LoadJobOptions.defaults().withJobName(name), 1, LoadJobOptions.SATURATING_RATE);
    }

    /**
     * The Kafka variant: a topic of {@code partitions} on {@code broker} read by {@code sourceParallelism} source
     * subtasks, the counter at {@code parallelism}, produced into at {@code rate} records/s from before the
     * submission on (so a backlog is already there when the job starts if the rate is above its capacity).
     */
    LoadJob startOnKafka(
            LoadJobOptions options,
            KafkaBroker broker,
            int partitions,
            int sourceParallelism,
            int parallelism,
            double rate) {
        LoadJob load =
                createOnKafka(options, broker, KafkaReading.of(options.jobName(), partitions, sourceParallelism));
        load.setRate(rate);
        load.submitAndAwaitRunning(cluster.get(), Submission.parallelism(parallelism), START_TIMEOUT);
        return load;
    }

    /** The Kafka variant's topic and producer (at rate 0), cleaned up after the test; the test submits the job. */
    LoadJob createOnKafka(LoadJobOptions options, KafkaBroker broker, KafkaReading reading) {
        LoadJob load = LoadJob.onKafka(options, broker, reading);
        started.add(load);
        return load;
    }

    /** Stops producing and waits until the job (whichever run of it) has counted everything produced. */
    LoadJobState drain(LoadJob load) {
        load.setRate(0);
        return load.awaitDrained(DRAIN_TIMEOUT);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            FlinkJobs.cancelAll(cluster.get());
        } finally {
            started.forEach(LoadJob::close);
            started.clear();
        }
    }
}
