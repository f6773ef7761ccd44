package dev.scalingadvisor.actions.rescale.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.flink.CheckpointStats;
import dev.scalingadvisor.actions.flink.ClusterOverview;
import dev.scalingadvisor.actions.flink.ExecutionState;
import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobScheduler;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.flink.JobVertex;
import dev.scalingadvisor.actions.rescale.request.ExcludedPeriod;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreflightGuardsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final VertexId SOURCE = new VertexId("source");
    private static final VertexId HEAVY = new VertexId("heavy");
    private static final PreflightGuards GUARDS = PreflightGuards.standard();

    @Test
    void aHealthyJobWithRoomForTheIncreasePassesEveryGuard() {
        assertThat(GUARDS.check(bookkeeping(settings(), CircuitBreaker.State.CLOSED, 0, false, 0)))
                .isEmpty();
        assertThat(GUARDS.check(facts(
                        settings(),
                        job(JobStatus.RUNNING, Duration.ofMinutes(30), 2),
                        checkpoints(Duration.ofSeconds(20), 0),
                        cluster(2),
                        heavy(2, 4))))
                .isEmpty();
    }

    @Test
    void refusesWhileTheCircuitBreakerIsOpen() {
        assertRefused(
                GUARDS.check(bookkeeping(settings(), CircuitBreaker.State.OPEN, 0, false, 0)),
                PreflightGuard.CIRCUIT_BREAKER,
                "is open");
        assertRefused(
                GUARDS.check(bookkeeping(settings(), CircuitBreaker.State.HALF_OPEN, 0, false, 0)),
                PreflightGuard.CIRCUIT_BREAKER,
                "half-open");
    }

    @Test
    void refusesInsideAnExcludedPeriod() {
        RescaleSettings office = settings()
                .with(
                        RescaleSettings.EXCLUDED_PERIODS,
                        List.of(new ExcludedPeriod("* * 9-17 ? * MON-FRI", ZoneOffset.UTC)));
        assertRefused(
                GUARDS.check(bookkeeping(office, CircuitBreaker.State.CLOSED, 0, false, 0)),
                PreflightGuard.EXCLUDED_PERIOD,
                "9-17");
        RescaleSettings nights = settings()
                .with(RescaleSettings.EXCLUDED_PERIODS, List.of(new ExcludedPeriod("* * 0-5 ? * *", ZoneOffset.UTC)));
        assertThat(GUARDS.check(bookkeeping(nights, CircuitBreaker.State.CLOSED, 0, false, 0)))
                .isEmpty();
    }

    @Test
    void refusesASecondRescaleOfTheClusterOrOfTheJob() {
        assertRefused(
                GUARDS.check(bookkeeping(settings(), CircuitBreaker.State.CLOSED, 1, false, 0)),
                PreflightGuard.CONCURRENCY,
                "maxConcurrentPerCluster is 1");
        assertRefused(
                GUARDS.check(bookkeeping(
                        settings().with(RescaleSettings.MAX_CONCURRENT_PER_CLUSTER, 3),
                        CircuitBreaker.State.CLOSED,
                        1,
                        true,
                        0)),
                PreflightGuard.CONCURRENCY,
                "another rescale of job orders");
        assertThat(GUARDS.check(bookkeeping(
                        settings().with(RescaleSettings.MAX_CONCURRENT_PER_CLUSTER, 3),
                        CircuitBreaker.State.CLOSED,
                        2,
                        false,
                        0)))
                .isEmpty();
    }

    @Test
    void refusesOnceTheHourlyBudgetIsSpent() {
        assertRefused(
                GUARDS.check(bookkeeping(
                        settings().with(RescaleSettings.MAX_PER_JOB_PER_HOUR, 2),
                        CircuitBreaker.State.CLOSED,
                        0,
                        false,
                        2)),
                PreflightGuard.BUDGET,
                "rescaled 2 time(s) in the last hour; maxPerJobPerHour is 2");
    }

    @Test
    void refusesAJobThatIsNotRunningOrHasTasksWaiting() {
        assertRefused(
                GUARDS.check(facts(
                        settings(),
                        job(JobStatus.RESTARTING, Duration.ofMinutes(30), 2),
                        checkpoints(Duration.ofSeconds(20), 0),
                        cluster(2),
                        heavy(2, 4))),
                PreflightGuard.JOB_NOT_RUNNING,
                "is RESTARTING");
        JobDetails scheduling = job(JobStatus.RUNNING, Duration.ofMinutes(30), 2);
        JobVertex waiting = new JobVertex(
                HEAVY,
                "count-per-key",
                2,
                128,
                ExecutionState.RUNNING,
                Map.of(ExecutionState.RUNNING, 1, ExecutionState.SCHEDULED, 1),
                Optional.empty());
        JobDetails partly = new JobDetails(
                scheduling.id(),
                scheduling.name(),
                scheduling.state(),
                scheduling.jobType(),
                scheduling.startTime(),
                scheduling.endTime(),
                scheduling.now(),
                scheduling.stateTimestamps(),
                List.of(scheduling.vertices().get(0), waiting),
                List.of());
        assertRefused(
                GUARDS.check(
                        facts(settings(), partly, checkpoints(Duration.ofSeconds(20), 0), cluster(2), heavy(2, 4))),
                PreflightGuard.JOB_NOT_RUNNING,
                "count-per-key has 1 of 2 subtasks RUNNING");
    }

    @Test
    void refusesAJobStillInItsStabilizationPeriod() {
        assertRefused(
                GUARDS.check(facts(
                        settings().with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofMinutes(5)),
                        job(JobStatus.RUNNING, Duration.ofMinutes(3), 2),
                        checkpoints(Duration.ofSeconds(20), 0),
                        cluster(2),
                        heavy(2, 4))),
                PreflightGuard.STABILIZATION,
                "running for 3m since it last started; the stabilization period is 5m");
    }

    @Test
    void refusesARequestMadeForAnotherParallelism() {
        assertRefused(
                GUARDS.check(facts(
                        settings(),
                        job(JobStatus.RUNNING, Duration.ofMinutes(30), 3),
                        checkpoints(Duration.ofSeconds(20), 0),
                        cluster(2),
                        heavy(2, 4))),
                PreflightGuard.STALE_REQUEST,
                "count-per-key runs at parallelism 3, not 2");
    }

    @Test
    void refusesWithoutARecentCheckpoint() {
        JobDetails job = job(JobStatus.RUNNING, Duration.ofMinutes(30), 2);
        assertRefused(
                GUARDS.check(facts(settings(), job, Optional.empty(), cluster(2), heavy(2, 4))),
                PreflightGuard.CHECKPOINT_AGE,
                "checkpointing is not enabled");
        assertRefused(
                GUARDS.check(facts(
                        settings().with(RescaleSettings.CHECKPOINT_MAX_AGE, Duration.ofMinutes(15)),
                        job,
                        checkpoints(Duration.ofMinutes(20), 0),
                        cluster(2),
                        heavy(2, 4))),
                PreflightGuard.CHECKPOINT_AGE,
                "is 20m old; checkpointMaxAge is 15m");
    }

    @Test
    void refusesAfterRecentCheckpointFailures() {
        assertRefused(
                GUARDS.check(facts(
                        settings().with(RescaleSettings.MAX_CHECKPOINT_FAILURES, 1),
                        job(JobStatus.RUNNING, Duration.ofMinutes(30), 2),
                        checkpoints(Duration.ofSeconds(20), 2),
                        cluster(2),
                        heavy(2, 4))),
                PreflightGuard.CHECKPOINT_FAILURES,
                "2 checkpoint(s) of job orders failed in the last 15m (maxCheckpointFailures is 1); the last failed with: Checkpoint expired");
        assertThat(GUARDS.check(facts(
                        settings().with(RescaleSettings.MAX_CHECKPOINT_FAILURES, 2),
                        job(JobStatus.RUNNING, Duration.ofMinutes(30), 2),
                        checkpoints(Duration.ofSeconds(20), 2),
                        cluster(2),
                        heavy(2, 4))))
                .isEmpty();
    }

    @Test
    void checkpointsAbortedByTheLastRestartDoNotCount() {
        JobDetails restartedTenSecondsAgo = job(JobStatus.RUNNING, Duration.ofSeconds(10), 2);
        assertThat(GUARDS.check(facts(
                        settings().with(RescaleSettings.STABILIZATION_PERIOD, Duration.ZERO),
                        restartedTenSecondsAgo,
                        checkpoints(Duration.ofSeconds(5), 2),
                        cluster(2),
                        heavy(2, 4))))
                .isEmpty();
    }

    @Test
    void refusesATargetAboveTheMaxParallelism() {
        assertRefused(
                GUARDS.check(facts(
                        settings(),
                        job(JobStatus.RUNNING, Duration.ofMinutes(30), 2),
                        checkpoints(Duration.ofSeconds(20), 0),
                        cluster(200),
                        heavy(2, 200))),
                PreflightGuard.MAX_PARALLELISM,
                "count-per-key cannot run at 200: its max parallelism is 128");
    }

    @Test
    void refusesAnIncreaseWithoutFreeSlotsAndSaysHowManyTaskManagersToAdd() {
        assertRefused(
                GUARDS.check(facts(
                        settings(),
                        job(JobStatus.RUNNING, Duration.ofMinutes(30), 2),
                        checkpoints(Duration.ofSeconds(20), 0),
                        cluster(1),
                        heavy(2, 6))),
                PreflightGuard.FREE_SLOTS,
                "needs 4 more task slot(s) but cluster prod has 1 free of 4: add 2 TaskManager(s) with 2 slot(s) each instead");
    }

    @Test
    void slotsTheJobAlreadyHoldsCountForTheIncrease() {
        PreflightFacts facts = facts(
                settings(),
                job(JobStatus.RUNNING, Duration.ofMinutes(30), 2),
                checkpoints(Duration.ofSeconds(20), 0),
                cluster(0),
                heavy(2, 3));
        assertThat(GUARDS.check(facts))
                .hasValueSatisfying(r -> assertThat(r.guard()).isEqualTo(PreflightGuard.FREE_SLOTS));

        assertThat(GUARDS.check(facts.withSlotsHeld(3))).isEmpty();
    }

    @Test
    void aDecreaseNeedsNoFreeSlots() {
        assertThat(GUARDS.check(facts(
                        settings(),
                        job(JobStatus.RUNNING, Duration.ofMinutes(30), 2),
                        checkpoints(Duration.ofSeconds(20), 0),
                        cluster(0),
                        heavy(2, 1))))
                .isEmpty();
    }

    @Test
    void aResolvedRequestKeepsEveryOtherVertexAtItsParallelismUnderItsFlinkName() {
        JobDetails job = job(JobStatus.RUNNING, Duration.ofMinutes(30), 1);

        TargetResolution resolution = TargetResolution.resolve(
                ParallelismChanges.of(new ParallelismChange(HEAVY, "heavy as the decision named it", 1, 3)), job);

        assertThat(resolution).isInstanceOf(TargetResolution.Resolved.class);
        ParallelismChanges vertices = ((TargetResolution.Resolved) resolution).vertices();
        assertThat(vertices.vertex(SOURCE))
                .hasValueSatisfying(c -> assertThat(c.isChange()).isFalse());
        assertThat(vertices.vertex(HEAVY)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo(job.vertex(HEAVY).orElseThrow().name());
            assertThat(c.from()).isEqualTo(1);
            assertThat(c.to()).isEqualTo(3);
        });
    }

    @Test
    void aRequestFromAParallelismTheVertexDoesNotRunAtIsStale() {
        JobDetails job = job(JobStatus.RUNNING, Duration.ofMinutes(30), 2);
        assertThat(TargetResolution.resolve(ParallelismChanges.of(new ParallelismChange(HEAVY, "heavy", 4, 6)), job))
                .isInstanceOf(TargetResolution.Stale.class);
    }

    private static void assertRefused(Optional<Refusal> refusal, PreflightGuard guard, String reasonPart) {
        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.guard()).isEqualTo(guard);
            assertThat(r.reason()).contains(reasonPart);
        });
    }

    private static RescaleSettings settings() {
        return RescaleSettings.DEFAULTS.with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofMinutes(5));
    }

    private static RescaleRequest request(RescaleSettings settings, ParallelismChange change) {
        return new RescaleRequest(
                new ClusterName("prod"),
                new JobRef(new JobId("0123456789abcdef0123456789abcdef"), "orders"),
                ParallelismChanges.of(change),
                settings,
                "count-per-key busy",
                Optional.empty());
    }

    private static Bookkeeping bookkeeping(
            RescaleSettings settings, CircuitBreaker.State breaker, int open, boolean jobOpen, int started) {
        return new Bookkeeping(request(settings, heavy(2, 4)), NOW, breaker, open, jobOpen, started);
    }

    private static ParallelismChange heavy(int from, int to) {
        return new ParallelismChange(HEAVY, "count-per-key", from, to);
    }

    private static PreflightFacts facts(
            RescaleSettings settings,
            JobDetails job,
            Optional<CheckpointStats> checkpoints,
            ClusterOverview cluster,
            ParallelismChange change) {
        return PreflightFacts.of(request(settings, change), job, checkpoints, cluster, JobScheduler.DEFAULT, Map.of());
    }

    private static JobDetails job(JobStatus state, Duration runningFor, int heavyParallelism) {
        Instant started = NOW.minus(runningFor);
        return new JobDetails(
                new JobId("0123456789abcdef0123456789abcdef"),
                "orders",
                state,
                Optional.of("STREAMING"),
                started,
                Optional.empty(),
                NOW,
                Map.of(JobStatus.RUNNING, started),
                List.of(
                        new JobVertex(
                                SOURCE,
                                "Source: orders",
                                1,
                                1,
                                ExecutionState.RUNNING,
                                Map.of(ExecutionState.RUNNING, 1),
                                Optional.empty()),
                        new JobVertex(
                                HEAVY,
                                "count-per-key",
                                heavyParallelism,
                                128,
                                ExecutionState.RUNNING,
                                Map.of(ExecutionState.RUNNING, heavyParallelism),
                                Optional.empty())),
                List.of());
    }

    private static Optional<CheckpointStats> checkpoints(Duration lastCompletedAgo, int recentFailures) {
        Instant completed = NOW.minus(lastCompletedAgo);
        List<CheckpointStats.Attempt> history = new java.util.ArrayList<>();
        for (int i = 0; i < recentFailures; i++) {
            history.add(new CheckpointStats.Attempt(
                    100 + i,
                    CheckpointStats.Status.FAILED,
                    false,
                    NOW.minusSeconds(60 + i),
                    Optional.of(NOW.minusSeconds(50 + i))));
        }
        Optional<CheckpointStats.Failed> latestFailed = recentFailures == 0
                ? Optional.empty()
                : Optional.of(new CheckpointStats.Failed(
                        100,
                        false,
                        NOW.minusSeconds(60),
                        NOW.minusSeconds(50),
                        Optional.of("Checkpoint expired before completing.")));
        return Optional.of(new CheckpointStats(
                10,
                recentFailures,
                0,
                Optional.of(new CheckpointStats.Completed(
                        9, false, completed.minusMillis(100), completed, Optional.empty())),
                Optional.empty(),
                latestFailed,
                Optional.empty(),
                history));
    }

    private static ClusterOverview cluster(int freeSlots) {
        return new ClusterOverview("1.20.1", 2, 4, freeSlots);
    }
}
