package dev.scalingadvisor.actions.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.RecordingListener;
import dev.scalingadvisor.actions.fake.TestDatabase;
import dev.scalingadvisor.actions.flink.CheckpointStats;
import dev.scalingadvisor.actions.flink.FlinkClusters;
import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.rescale.JarSubmission;
import dev.scalingadvisor.actions.rescale.OperationId;
import dev.scalingadvisor.actions.rescale.OperationState;
import dev.scalingadvisor.actions.rescale.RescaleExecutor;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.RescalePlan;
import dev.scalingadvisor.actions.rescale.Sleeper;
import dev.scalingadvisor.actions.rescale.request.ExcludedPeriod;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.FlinkClusterExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.Submission;
import dev.scalingadvisor.testbed.process.Waits;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each pre-flight guard refusing for its reason against a real Flink 1.20 cluster: four slots, a healthy job
 * to rescale, a job that has ended, a job without a completed checkpoint, and one whose checkpoints expire
 * under backpressure. Nothing may change on the cluster when a guard refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardsIT {

    @RegisterExtension
    static FlinkClusterExtension flink = new FlinkClusterExtension(
            FlinkClusterOptions.defaults().withTaskManagers(2).withSlotsPerTaskManager(2));

    private FlinkCluster cluster;
    private LoadJob healthy;
    private LoadJob ended;
    private LoadJob noCheckpoint;
    private LoadJob failingCheckpoints;
    private String healthyJob;
    private String endedJob;
    private String noCheckpointJob;
    private String failingJob;

    @TempDir
    Path dir;

    private Connection db;
    private RescaleJournal journal;
    private FlinkRestClient client;
    private RescaleExecutor executor;

    @BeforeAll
    void startJobs() {
        cluster = flink.cluster();
        healthy = LoadJob.create(LoadJobOptions.defaults().withJobName("guards-healthy"));
        healthy.setRate(200);
        healthyJob = healthy.submitAndAwaitRunning(cluster, Submission.parallelism(1), Duration.ofSeconds(120));

        ended = LoadJob.create(LoadJobOptions.defaults().withJobName("guards-ended"));
        endedJob = ended.submitAndAwaitRunning(cluster, Submission.parallelism(1), Duration.ofSeconds(120));
        awaitCheckpoint(endedJob);
        ended.stopWithSavepoint(cluster, Duration.ofSeconds(120));

        noCheckpoint = LoadJob.create(LoadJobOptions.defaults()
                .withJobName("guards-no-checkpoint")
                // Flink triggers the first checkpoint after a random delay up to the interval: with an hour, one
                // came within the test's minutes now and then; with a week it (practically) never does.
                .withCheckpointInterval(Duration.ofDays(7)));
        noCheckpointJob =
                noCheckpoint.submitAndAwaitRunning(cluster, Submission.parallelism(1), Duration.ofSeconds(120));

        // Checkpoints that cannot get through a saturated operator within 500 ms expire; the job tolerates it and runs
        // on.
        failingCheckpoints = LoadJob.create(LoadJobOptions.defaults()
                .withJobName("guards-failing-checkpoints")
                .withCheckpointInterval(Duration.ofSeconds(1)));
        failingJob = failingCheckpoints.submitAndAwaitRunning(
                cluster,
                Submission.parallelism(1)
                        .withFlinkConfiguration("execution.checkpointing.timeout", "500ms")
                        .withFlinkConfiguration("execution.checkpointing.tolerable-failed-checkpoints", "1000000"),
                Duration.ofSeconds(120));
        awaitCheckpoint(healthyJob);
        awaitCheckpoint(failingJob);
        failingCheckpoints.setRate(LoadJobOptions.SATURATING_RATE * 2);
        awaitFailedCheckpoint(failingJob);
        failingCheckpoints.setRate(0);
    }

    @AfterAll
    void closeJobs() {
        for (LoadJob job : new LoadJob[] {healthy, ended, noCheckpoint, failingCheckpoints}) {
            if (job != null) {
                job.close();
            }
        }
    }

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(dir.resolve("state.db"));
        journal = new RescaleJournal(db, Clock.systemUTC());
        client = new FlinkClusters(new PrometheusRegistry(), Clock.systemUTC()).client(RealRescale.settings(cluster));
        executor = new RescaleExecutor(
                name -> Optional.of(client),
                journal,
                new RecordingListener(),
                new PrometheusRegistry(),
                Clock.systemUTC(),
                Sleeper.system());
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void theCircuitBreaker() {
        RescaleRequest request = request(healthyJob, healthy, 1, 2, settings(healthy));
        client.circuitBreaker().transitionToOpenState();
        assertRefused(request, PreflightGuard.CIRCUIT_BREAKER, "circuit breaker of cluster testbed is open");
    }

    @Test
    void anExcludedPeriod() {
        RescaleSettings always = settings(healthy)
                .with(RescaleSettings.EXCLUDED_PERIODS, List.of(new ExcludedPeriod("* * * ? * *", ZoneOffset.UTC)));
        assertRefused(
                request(healthyJob, healthy, 1, 2, always),
                PreflightGuard.EXCLUDED_PERIOD,
                "inside the excluded period \"* * * ? * *\"");
    }

    @Test
    void anotherRescaleOnTheCluster() {
        journal.begin(plan("payments"));
        assertRefused(
                request(healthyJob, healthy, 1, 2, settings(healthy)),
                PreflightGuard.CONCURRENCY,
                "maxConcurrentPerCluster is 1");
    }

    @Test
    void theHourlyBudget() {
        RescalePlan earlier = plan(healthy.options().jobName());
        journal.begin(earlier);
        journal.finish(earlier.id(), OperationState.SUCCEEDED, "succeeded", "earlier today");
        assertRefused(
                request(healthyJob, healthy, 1, 2, settings(healthy).with(RescaleSettings.MAX_PER_JOB_PER_HOUR, 1)),
                PreflightGuard.BUDGET,
                "maxPerJobPerHour is 1");
    }

    @Test
    void aJobThatIsNotRunning() {
        assertRefused(request(endedJob, ended, 1, 2, settings(ended)), PreflightGuard.JOB_NOT_RUNNING, "is FINISHED");
    }

    @Test
    void theStabilizationPeriod() {
        assertRefused(
                request(
                        healthyJob,
                        healthy,
                        1,
                        2,
                        settings(healthy).with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofHours(1))),
                PreflightGuard.STABILIZATION,
                "the stabilization period is 1h");
    }

    @Test
    void aStaleRequest() {
        assertRefused(
                request(healthyJob, healthy, 3, 4, settings(healthy)),
                PreflightGuard.STALE_REQUEST,
                "runs at parallelism 1, not 3");
    }

    @Test
    void noRecentCheckpoint() {
        assertRefused(
                request(noCheckpointJob, noCheckpoint, 1, 2, settings(noCheckpoint)),
                PreflightGuard.CHECKPOINT_AGE,
                "has not completed a checkpoint yet");
    }

    @Test
    void recentCheckpointFailures() {
        assertRefused(
                request(failingJob, failingCheckpoints, 1, 2, settings(failingCheckpoints)),
                PreflightGuard.CHECKPOINT_FAILURES,
                "(maxCheckpointFailures is 0); the last failed with:");
    }

    @Test
    void theMaxParallelism() {
        assertRefused(
                request(healthyJob, healthy, 1, 200, settings(healthy)),
                PreflightGuard.MAX_PARALLELISM,
                "its max parallelism is 128");
    }

    @Test
    void tooFewFreeSlots() {
        assertRefused(
                request(healthyJob, healthy, 1, 3, settings(healthy)),
                PreflightGuard.FREE_SLOTS,
                "the rescale needs 2 more task slot(s) but cluster testbed has 1 free of 4: add 1 TaskManager(s) with 2 slot(s) each instead");
    }

    @Test
    void inPlaceWithoutTheAdaptiveScheduler() {
        assertRefused(
                request(
                        healthyJob,
                        healthy,
                        1,
                        2,
                        settings(healthy).with(RescaleSettings.STRATEGY, RescaleStrategy.IN_PLACE)),
                PreflightGuard.STRATEGY,
                "in-place rescaling needs the adaptive scheduler");
    }

    @Test
    void savepointRedeployWithoutAJar() {
        RescaleSettings noJar =
                RescaleSettings.DEFAULTS.with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofSeconds(2));
        assertRefused(request(healthyJob, healthy, 1, 2, noJar), PreflightGuard.JAR, "no rescale.jar is configured");
    }

    private void assertRefused(RescaleRequest request, PreflightGuard guard, String reasonPart) {
        int slotsBefore = cluster.freeSlots();

        RescaleOutcome outcome = executor.execute(request);

        assertThat(outcome).as("%s", outcome).isInstanceOf(RescaleOutcome.Blocked.class);
        RescaleOutcome.Blocked blocked = (RescaleOutcome.Blocked) outcome;
        assertThat(blocked.guard()).isEqualTo(guard);
        assertThat(blocked.reason()).contains(reasonPart);
        FlinkRestClient probe =
                new FlinkClusters(new PrometheusRegistry(), Clock.systemUTC()).client(RealRescale.settings(cluster));
        assertThat(probe.jobStatus(request.job().id()))
                .as("the job's state is unchanged")
                .contains(request.job().id().value().equals(endedJob) ? JobStatus.FINISHED : JobStatus.RUNNING);
        assertThat(cluster.freeSlots()).isEqualTo(slotsBefore);
        assertThat(journal.history(RealRescale.CLUSTER, request.job().name(), 10))
                .as("a refusal journals no operation")
                .allMatch(e -> e.plan().reason().equals("earlier"));
    }

    private static RescaleSettings settings(LoadJob load) {
        return RescaleSettings.DEFAULTS
                .with(RescaleSettings.JAR, Optional.of(RealRescale.jar(load)))
                .with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofSeconds(2));
    }

    private RescaleRequest request(String job, LoadJob load, int from, int to, RescaleSettings settings) {
        VertexId heavy = client.job(new JobId(job)).vertices().stream()
                .filter(v -> v.name().contains(LoadJob.HEAVY_OPERATOR))
                .findFirst()
                .orElseThrow()
                .id();
        return new RescaleRequest(
                RealRescale.CLUSTER,
                new JobRef(new JobId(job), load.options().jobName()),
                ParallelismChanges.of(new ParallelismChange(heavy, LoadJob.HEAVY_OPERATOR, from, to)),
                settings,
                "guard test",
                Optional.empty());
    }

    private static RescalePlan plan(String jobName) {
        return new RescalePlan(
                OperationId.random(),
                RealRescale.CLUSTER,
                new JobRef(new JobId("0123456789abcdef0123456789abcdef"), jobName),
                "earlier",
                RescaleStrategy.SAVEPOINT_REDEPLOY,
                ParallelismChanges.of(
                        new ParallelismChange(new VertexId("0123456789abcdef0123456789abcdef"), "heavy", 1, 2)),
                Optional.of(
                        new JarSubmission(Optional.of("x.jar"), Optional.empty(), Optional.empty(), List.of(), false)),
                Optional.empty(),
                RescalePlan.Limits.of(RescaleSettings.DEFAULTS));
    }

    private void awaitCheckpoint(String job) {
        await(job, "a completed checkpoint", stats -> stats.latestCompleted().isPresent());
    }

    private void awaitFailedCheckpoint(String job) {
        await(job, "an expired checkpoint", stats -> stats.latestFailed().isPresent());
    }

    private void await(String job, String what, java.util.function.Predicate<CheckpointStats> condition) {
        FlinkRestClient probe =
                new FlinkClusters(new PrometheusRegistry(), Clock.systemUTC()).client(RealRescale.settings(cluster));
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (probe.checkpoints(new JobId(job)).filter(condition).isPresent()) {
                return;
            }
            Waits.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("job " + job + " showed no " + what + " within 90 s");
    }
}
