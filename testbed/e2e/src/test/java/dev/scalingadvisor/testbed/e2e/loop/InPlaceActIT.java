package dev.scalingadvisor.testbed.e2e.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.e2e.advisor.AdvisorDecision;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorExtension;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorMode;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import dev.scalingadvisor.testbed.flink.FlinkClusterExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.Scheduler;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scaling up in place on Flink's adaptive scheduler: the advisor changes the job's resource requirements and
 * the same job (same id) restarts itself from its last checkpoint at the new parallelism.
 */
class InPlaceActIT {

    @RegisterExtension
    static FlinkClusterExtension flink = new FlinkClusterExtension(FlinkClusterOptions.defaults()
            .withTaskManagers(1)
            .withSlotsPerTaskManager(2)
            .withScheduler(Scheduler.ADAPTIVE)
            // Flink waits this long after a job's start or last rescale before acting on new requirements (default 30
            // s).
            .withConfig("jobmanager.adaptive-scheduler.scaling-interval.min", "5s"));

    @RegisterExtension
    static PrometheusExtension prometheus = PrometheusExtension.scrapeEvery(Duration.ofSeconds(1));

    @RegisterExtension
    TestLoads loads = new TestLoads(flink::cluster);

    @RegisterExtension
    AdvisorExtension advisors = new AdvisorExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void scrapeFlink() {
        prometheus.scrape(flink.cluster());
    }

    @Test
    void actModeScalesUpInPlaceThroughResourceRequirementsWithTheKeyedStateIntact() {
        LoadJob load =
                loads.start(LoadJobOptions.defaults().withJobName("e2e_in_place"), 1, LoadJobOptions.SATURATING_RATE);
        String name = load.options().jobName();

        // Given the advisor in act mode choosing the strategy itself (auto: in place on the adaptive scheduler)
        AdvisorProcess advisor = advisors.start(LoopConfig.of(
                        AdvisorMode.ACT, prometheus.baseUrl(), flink.cluster().restUrl(), load, dir)
                .withRescale("strategy", "auto"));

        // When the job stays backpressured, the same job is rescaled: its heavy operator now runs 2 subtasks
        AdvisorDecision succeeded = History.await(advisor, name, "rescale-succeeded", Duration.ofMinutes(3));
        assertThat(succeeded.details().path("strategy").asText()).isEqualTo("in-place");
        assertThat(succeeded.parallelismChange()).contains("1 → 2");
        String running = FlinkJobs.awaitRunningAt(flink.cluster(), name, 2, Duration.ofMinutes(1));
        assertThat(running).as("the job keeps its id in place").isEqualTo(load.jobId());
        assertThat(History.kinds(advisor, name))
                .containsSubsequence("rescale-started", "rescale-succeeded")
                .doesNotContain("savepoint-taken");
        assertThat(succeeded.details().path("timings").size())
                .as("timed steps in " + succeeded.details())
                .isPositive();

        // And the keyed state came through the restart from the checkpoint
        LoadJobState state = loads.drain(load);
        assertThat(state.noStateLost()).as(state.toString()).isTrue();
    }
}
