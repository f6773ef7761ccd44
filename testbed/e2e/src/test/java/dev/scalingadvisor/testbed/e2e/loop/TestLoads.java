package dev.scalingadvisor.testbed.e2e.loop;

import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.loadjob.Submission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The load jobs one test runs, and their cleanup: every run on the cluster is cancelled (also the runs the
 * advisor submitted, which {@link LoadJob#close()} does not know), then each job's producer is stopped.
 */
final class TestLoads {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    private final List<LoadJob> started = new ArrayList<>();

    /** Submits a load job at {@code parallelism} producing {@code rate} records/s; returns once all its tasks run. */
    LoadJob start(FlinkCluster cluster, LoadJobOptions options, int parallelism, double rate) {
        LoadJob load = LoadJob.create(options);
        started.add(load);
        load.setRate(rate);
        load.submitAndAwaitRunning(cluster, Submission.parallelism(parallelism), START_TIMEOUT);
        return load;
    }

    /** Stops producing and waits until the job (whichever run of it) has counted everything produced. */
    LoadJobState drain(LoadJob load) {
        load.setRate(0);
        return load.awaitDrained(DRAIN_TIMEOUT);
    }

    void close(FlinkCluster cluster) {
        try {
            FlinkJobs.cancelAll(cluster);
        } finally {
            started.forEach(LoadJob::close);
            started.clear();
        }
    }
}
