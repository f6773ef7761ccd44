package dev.scalingadvisor.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.JobVertex;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.loadjob.Submission;
import dev.scalingadvisor.testbed.metrics.FlinkMetrics;
import dev.scalingadvisor.testbed.prometheus.InstantSample;
import dev.scalingadvisor.testbed.prometheus.PrometheusQueries;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole testbed at once: a saturated load job is seen through Prometheus, rescaled by savepoint and
 * resubmission with a per-vertex parallelism override, keeps up afterwards, and has lost no state.
 */
class TestbedIT {

    @RegisterExtension
    static ScrapedFlinkExtension testbed = new ScrapedFlinkExtension(
            FlinkClusterOptions.defaults().withTaskManagers(2).withSlotsPerTaskManager(2));

    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(240);

    @Test
    void aSaturatedJobRescaledThroughASavepointKeepsUpAndLosesNoState() {
        FlinkCluster cluster = testbed.cluster();
        PrometheusQueries queries = testbed.prometheus().queries();
        try (LoadJob load = LoadJob.create(LoadJobOptions.defaults().withJobName("orders-v2"))) {
            // Given the load job at parallelism 1 with more offered load than one subtask handles
            load.setRate(LoadJobOptions.SATURATING_RATE);
            String first = load.submitAndAwaitRunning(cluster, Submission.parallelism(1), Duration.ofSeconds(60));
            String source =
                    cluster.rest().vertex(first, "Source: " + LoadJob.SOURCE).id();
            String heavy = cluster.rest().vertex(first, LoadJob.HEAVY_OPERATOR).id();

            // Then Prometheus shows the source backpressured and the heavy operator busy
            List<InstantSample> backPressured = queries.await(
                    FlinkMetrics.BACK_PRESSURED_TIME.name() + "{job_id=\"" + first + "\",task_id=\"" + source
                            + "\"} > 500",
                    SIGNAL_TIMEOUT,
                    samples -> samples.size() == 1,
                    "the source backpressured more than 500 ms/s");
            List<InstantSample> busy = queries.await(
                    FlinkMetrics.BUSY_TIME.name() + "{job_id=\"" + first + "\",task_id=\"" + heavy + "\"} > 900",
                    SIGNAL_TIMEOUT,
                    samples -> samples.size() == 1,
                    "count-per-key busy more than 900 ms/s");
            System.out.printf(
                    "[testbed] parallelism 1: source backpressured %.0f ms/s, count-per-key busy %.0f ms/s%n",
                    backPressured.get(0).value(), busy.get(0).value());

            // When it is stopped with a savepoint and resubmitted with only the heavy vertex at parallelism 2
            String savepoint = load.stopWithSavepoint(cluster, Duration.ofSeconds(60));
            String second = load.submitAndAwaitRunning(
                    cluster,
                    Submission.parallelism(1).fromSavepoint(savepoint).withVertexParallelism(heavy, 2),
                    Duration.ofSeconds(60));

            // Then it restored the savepoint, only the heavy vertex runs at 2, and the lag drains away
            assertThat(cluster.rest()
                            .get("/jobs/" + second + "/checkpoints")
                            .at("/latest/restored/is_savepoint")
                            .asBoolean())
                    .isTrue();
            assertThat(cluster.rest().vertices(second))
                    .extracting(JobVertex::id, JobVertex::parallelism)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple(heavy, 2),
                            org.assertj.core.groups.Tuple.tuple(source, 1));
            // Draining takes backlog / (capacity at 2 - offered rate): about 40 s alone, several times that when
            // other processes slow the two cores down.
            queries.await(
                    FlinkMetrics.KAFKA_LAG.name() + "{job_id=\"" + second + "\"} < 1000",
                    DRAIN_TIMEOUT,
                    samples -> samples.size() == 1,
                    "the lag below 1000 records");
            List<InstantSample> calm = queries.await(
                    "avg_over_time(flink_taskmanager_job_task_isBackPressured{job_id=\"" + second + "\",task_id=\""
                            + source + "\"}[10s])",
                    SIGNAL_TIMEOUT,
                    samples -> samples.size() == 1 && samples.get(0).value() < 0.3,
                    "the source backpressured in less than 30 % of the samples of 10 s");
            double busyNow = queries.instant("max(" + FlinkMetrics.BUSY_TIME.name() + "{job_id=\"" + second
                            + "\",task_id=\"" + heavy + "\"})")
                    .get(0)
                    .value();
            double backPressuredNow = queries.instant(FlinkMetrics.BACK_PRESSURED_TIME.name() + "{job_id=\"" + second
                            + "\",task_id=\"" + source + "\"}")
                    .get(0)
                    .value();
            System.out.printf(
                    "[testbed] parallelism 2: source backpressured in %.0f %% of the last 10 s of samples; "
                            + "60 s window gauges: source backpressured %.0f ms/s, busiest count-per-key subtask %.0f ms/s%n",
                    100 * calm.get(0).value(), backPressuredNow, busyNow);

            // And after the load stops and drains, every produced record is counted once
            load.setRate(0);
            LoadJobState state = load.awaitDrained(Duration.ofSeconds(60));
            assertThat(state.resets()).as("state: %s", state).isZero();
            assertThat(state.sumOfKeyCounts()).as("state: %s", state).isEqualTo(state.produced());
            assertThat(state.noStateLost()).isTrue();
        }
    }
}
