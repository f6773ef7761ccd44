package dev.scalingadvisor.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.FlinkClusterExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.loadjob.Submission;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On the adaptive scheduler the heavy vertex is rescaled in place through {@code PUT /jobs/<id>/resource-requirements}. */
class AdaptiveRescaleIT {

    @RegisterExtension
    static FlinkClusterExtension flink = new FlinkClusterExtension(FlinkClusterOptions.adaptiveRescalingAfter5s(2));

    @Test
    void theHeavyVertexRescalesInPlaceAndKeepsItsState() throws Exception {
        FlinkCluster cluster = flink.cluster();
        try (LoadJob load = LoadJob.create(LoadJobOptions.defaults().withJobName("orders-adaptive"))) {
            load.setRate(LoadJobOptions.SATURATING_RATE);
            String jobId = load.submitAndAwaitRunning(cluster, Submission.parallelism(1), Duration.ofSeconds(60));
            String heavy = cluster.rest().vertex(jobId, LoadJob.HEAVY_OPERATOR).id();
            // Let a few checkpoints complete: the rescale restarts from the latest one.
            Thread.sleep(6000);

            JsonNode requirements = cluster.rest().get("/jobs/" + jobId + "/resource-requirements");
            ((ObjectNode) requirements.get(heavy).get("parallelism")).put("upperBound", 2);
            Instant asked = Instant.now();
            cluster.rest().put("/jobs/" + jobId + "/resource-requirements", requirements);

            waitUntil(
                    Duration.ofSeconds(90),
                    () -> cluster.rest().vertex(jobId, LoadJob.HEAVY_OPERATOR).parallelism() == 2);
            cluster.rest().awaitAllTasksRunning(jobId, Duration.ofSeconds(60));
            System.out.printf(
                    "[testbed] adaptive in-place rescale to 2: all tasks running %d ms after the PUT%n",
                    Duration.between(asked, Instant.now()).toMillis());

            assertThat(cluster.rest().jobState(jobId)).isEqualTo("RUNNING");
            assertThat(cluster.rest().vertex(jobId, "Source: " + LoadJob.SOURCE).parallelism())
                    .isEqualTo(1);
            load.setRate(0);
            LoadJobState state = load.awaitDrained(Duration.ofSeconds(90));
            assertThat(state.noStateLost()).as("state: %s", state).isTrue();
        }
    }

    private static void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", timeout).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
