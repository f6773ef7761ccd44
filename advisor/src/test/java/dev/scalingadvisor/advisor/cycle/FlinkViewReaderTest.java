package dev.scalingadvisor.advisor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.FakeFlink;
import dev.scalingadvisor.actions.fake.FakeFlinkServer;
import dev.scalingadvisor.actions.fake.FakeTime;
import dev.scalingadvisor.actions.flink.FlinkClusters;
import dev.scalingadvisor.actions.rescale.JarSubmission;
import dev.scalingadvisor.actions.rescale.JournalEntry;
import dev.scalingadvisor.actions.rescale.OperationId;
import dev.scalingadvisor.actions.rescale.OperationState;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.RescalePlan;
import dev.scalingadvisor.actions.rescale.Step;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexFacts;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the cycle learns from Flink REST, read from actions' fake Flink (a WireMock-served Flink 1.20 REST API): each
 * running job's vertices by name, when it last started, the cluster's free slots, which cluster owns which job, the
 * last rescale from the journal, and a cluster that fails reported while the others are read.
 */
class FlinkViewReaderTest {

    private static final ClusterName PROD = new ClusterName("prod");
    private static final ClusterName STAGING = new ClusterName("staging");

    private final FakeTime time = FakeTime.at("2026-03-02T10:00:00Z");
    private final FakeFlinkServer prod = FakeFlinkServer.start(time);
    private final FakeFlinkServer staging = FakeFlinkServer.start(time);
    private final FlinkClusters clusters = new FlinkClusters(new PrometheusRegistry(), time);

    @AfterEach
    void stop() {
        prod.close();
        staging.close();
    }

    @Test
    void readsEachRunningJobsVerticesByNameItsStartTheFreeSlotsAndItsCluster() {
        JobId orders = new JobId(prod.flink().slots(4).runningJob("orders", 2, Duration.ofMinutes(10)));

        FlinkView view = new FlinkViewReader(clusters, Optional.empty()).read(List.of(prod.settings(PROD)));

        assertThat(view.problems()).isEmpty();
        assertThat(view.clusterOf(orders)).hasValue(PROD);
        JobFacts facts = view.facts().get(orders);
        assertThat(facts.name()).hasValue("orders");
        // RUNNING one second after it was created, as the fake's job was
        assertThat(facts.startedAt())
                .hasValue(time.instant().minus(Duration.ofMinutes(10)).plusSeconds(1));
        assertThat(facts.vertices())
                .containsEntry(new VertexId(FakeFlink.SOURCE), new VertexFacts("Source: orders", 1, OptionalInt.of(1)))
                .containsEntry(new VertexId(FakeFlink.HEAVY), new VertexFacts("count-per-key", 2, OptionalInt.of(128)))
                .hasSize(3);
        // Four slots, the job's slot-sharing group takes its largest parallelism: two are free.
        assertThat(facts.freeSlots()).hasValue(2);
        assertThat(facts.lastRescaleAt()).as("no journal").isEmpty();
    }

    @Test
    void aJobThatRestartedAfterAFailureStartedAtItsRestart() {
        JobId orders = new JobId(prod.flink()
                .restart(job -> true, Duration.ofMinutes(1))
                .runningJob("orders", 2, Duration.ofMinutes(10)));
        prod.flink().job(orders.value()); // the fake restarts the job when it is next looked at
        Instant restarted = time.instant();

        FlinkView view = new FlinkViewReader(clusters, Optional.empty()).read(List.of(prod.settings(PROD)));

        assertThat(view.facts().get(orders).startedAt())
                .as("metrics reset at a restart as at a submission: stabilize from it")
                .hasValue(restarted);
    }

    @Test
    void aClusterThatFailsIsReportedAndTheOthersAreStillRead() {
        JobId orders = new JobId(prod.flink().runningJob("orders", 2, Duration.ofMinutes(10)));
        staging.flink().runningJob("payments", 1, Duration.ofMinutes(10));
        staging.fault("GET", "/v1/overview", FakeFlinkServer.Damage.SERVER_ERROR, false, -1);

        FlinkView view = new FlinkViewReader(clusters, Optional.empty())
                .read(List.of(staging.settings(STAGING), prod.settings(PROD)));

        assertThat(view.problems()).containsOnlyKeys(STAGING);
        assertThat(view.problems().get(STAGING)).contains("503");
        assertThat(view.facts()).containsOnlyKeys(orders);
        assertThat(view.clusterOf(orders)).hasValue(PROD);
    }

    @Test
    void theLastRescaleFollowsTheJobByNameAcrossANewJobId() throws Exception {
        JobId current = new JobId(prod.flink().runningJob("orders", 2, Duration.ofMinutes(10)));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            RescaleJournal journal = new RescaleJournal(connection, time);
            // A savepoint-redeploy of the job's previous incarnation: another id, the same name.
            OperationId id = new OperationId("op-1");
            journal.begin(new RescalePlan(
                    id,
                    PROD,
                    new JobRef(new JobId("a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"), "orders"),
                    "backpressure",
                    RescaleStrategy.SAVEPOINT_REDEPLOY,
                    ParallelismChanges.of(new ParallelismChange(new VertexId(FakeFlink.HEAVY), "count-per-key", 1, 2)),
                    Optional.of(new JarSubmission(
                            Optional.of(FakeFlink.JAR_ID), Optional.empty(), Optional.empty(), List.of(), false)),
                    Optional.empty(),
                    RescalePlan.Limits.of(RescaleSettings.DEFAULTS)));
            Instant restarted = time.instant().minus(Duration.ofMinutes(10));
            journal.step(id, Step.RUNNING, JournalEntry.Phase.END, restarted, "running at 2");
            journal.finish(id, OperationState.SUCCEEDED, "succeeded", "");

            FlinkView view = new FlinkViewReader(clusters, Optional.of(journal)).read(List.of(prod.settings(PROD)));

            assertThat(view.facts().get(current).lastRescaleAt())
                    .as("from the restart, so that cooldowns count from when the new parallelism ran")
                    .hasValue(restarted);
        }
    }
}
