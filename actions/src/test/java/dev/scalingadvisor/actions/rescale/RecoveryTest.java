package dev.scalingadvisor.actions.rescale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.FakeFlink;
import dev.scalingadvisor.actions.fake.RecordingListener;
import dev.scalingadvisor.actions.flink.JarRun;
import dev.scalingadvisor.actions.flink.StopWithSavepoint;
import dev.scalingadvisor.actions.flink.TriggerId;
import dev.scalingadvisor.actions.rescale.guard.TargetResolution;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon died with an operation open in the journal; on start, {@link RescaleExecutor#recover()} must bring
 * the job to RUNNING (new or old parallelism) from the state the journal recorded, without a second copy.
 * Each test writes the journal as the executor would have up to the crash and leaves the fake cluster as
 * Flink would be.
 */
class RecoveryTest extends WithRescaleFixture {

    String old;
    RescalePlan plan;
    RecordingListener events = new RecordingListener();

    @BeforeEach
    void setUp() {
        old = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        ParallelismChanges vertices = ((TargetResolution.Resolved) TargetResolution.resolve(
                        ParallelismChanges.of(
                                new ParallelismChange(new VertexId(FakeFlink.HEAVY), "count-per-key", 1, 2)),
                        f.client.job(new JobId(old))))
                .vertices();
        plan = new RescalePlan(
                OperationId.random(),
                RescaleFixture.CLUSTER,
                new JobRef(new JobId(old), "orders"),
                "busy",
                RescaleStrategy.SAVEPOINT_REDEPLOY,
                vertices,
                Optional.of(new JarSubmission(
                        Optional.of(FakeFlink.JAR_ID), Optional.empty(), Optional.empty(), List.of(), false)),
                Optional.empty(),
                RescalePlan.Limits.of(RescaleFixture.settings()));
        f.journal.begin(plan);
    }

    @Test
    void anOperationThatNeverTouchedTheJobIsAborted() {
        List<RescaleOutcome> outcomes = f.restartedExecutor(events).recover();

        assertThat(outcomes).singleElement().isInstanceOf(RescaleOutcome.Aborted.class);
        assertThat(f.flink.alive("orders")).extracting(j -> j.id).containsExactly(old);
        assertThat(f.journal.open()).isEmpty();
    }

    @Test
    void aSavepointThatCompletedWhileTheAdvisorWasDownIsFoundByItsTriggerAndTheJobResubmitted() {
        TriggerId trigger = TriggerId.random();
        f.journal.stopRequested(plan.id(), trigger);
        f.client.stopWithSavepoint(new StopWithSavepoint(new JobId(old), Optional.empty(), trigger));
        f.time.advance(Duration.ofSeconds(30));

        List<RescaleOutcome> outcomes = f.restartedExecutor(events).recover();

        assertThat(outcomes).singleElement().isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(events.kinds()).containsExactly("rescale-resumed", "savepoint-taken", "rescale-succeeded");
        assertThat(f.flink.alive("orders")).singleElement().satisfies(j -> {
            assertThat(j.heavyParallelism()).isEqualTo(2);
            assertThat(j.restoredFrom()).isPresent();
        });
    }

    @Test
    void aStopThatNeverReachedFlinkIsAbortedAndTheJobKeepsRunning() {
        f.journal.stopRequested(plan.id(), TriggerId.random());

        List<RescaleOutcome> outcomes = f.restartedExecutor(events).recover();

        assertThat(outcomes).singleElement().isInstanceOf(RescaleOutcome.Aborted.class);
        assertThat(f.flink.alive("orders")).extracting(j -> j.id).containsExactly(old);
        assertThat(f.flink.calls()).noneMatch(c -> c.contains("/run"));
    }

    @Test
    void aRecordedSavepointIsResubmittedAtTheNewParallelism() {
        String savepoint = stopWithSavepoint();
        f.journal.savepointTaken(plan.id(), savepoint);

        List<RescaleOutcome> outcomes = f.restartedExecutor(events).recover();

        assertThat(outcomes).singleElement().isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(f.flink.alive("orders")).singleElement().satisfies(j -> {
            assertThat(j.heavyParallelism()).isEqualTo(2);
            assertThat(j.restoredFrom()).contains(savepoint);
        });
    }

    @Test
    void aSubmissionWhoseAnswerWasLostIsAdoptedNotRepeated() {
        String savepoint = stopWithSavepoint();
        f.journal.savepointTaken(plan.id(), savepoint);
        JobId planned = new JobId("feedfacefeedfacefeedfacefeedface");
        f.journal.submitPlanned(plan.id(), OperationState.SUBMITTING, planned, "rescale, attempt 1");
        f.client.runJar(
                new JarRun(
                        FakeFlink.JAR_ID,
                        Optional.empty(),
                        List.of(),
                        OptionalInt.empty(),
                        Optional.of(planned),
                        Optional.of(savepoint),
                        false,
                        plan.vertices().target()),
                Duration.ofSeconds(5));

        List<RescaleOutcome> outcomes = f.restartedExecutor(events).recover();

        assertThat(outcomes)
                .singleElement()
                .satisfies(o -> assertThat(((RescaleOutcome.Succeeded) o).job()).isEqualTo(planned));
        assertThat(f.flink.calls()).filteredOn(c -> c.contains("/run")).hasSize(1);
        assertThat(f.flink.alive("orders")).extracting(j -> j.id).containsExactly(planned.value());
    }

    @Test
    void aPlannedSubmissionThatNeverArrivedIsMadeWithTheSameJobId() {
        String savepoint = stopWithSavepoint();
        f.journal.savepointTaken(plan.id(), savepoint);
        JobId planned = new JobId("feedfacefeedfacefeedfacefeedface");
        f.journal.submitPlanned(plan.id(), OperationState.SUBMITTING, planned, "rescale, attempt 1");

        List<RescaleOutcome> outcomes = f.restartedExecutor(events).recover();

        assertThat(outcomes)
                .singleElement()
                .satisfies(o -> assertThat(((RescaleOutcome.Succeeded) o).job()).isEqualTo(planned));
    }

    @Test
    void aJobSomeoneResubmittedByHandIsLeftAlone() {
        String savepoint = stopWithSavepoint();
        f.journal.savepointTaken(plan.id(), savepoint);
        f.time.advance(Duration.ofSeconds(1));
        f.client.runJar(
                new JarRun(
                        FakeFlink.JAR_ID,
                        Optional.empty(),
                        List.of(),
                        OptionalInt.empty(),
                        Optional.empty(),
                        Optional.of(savepoint),
                        false,
                        Map.of()),
                Duration.ofSeconds(5));

        List<RescaleOutcome> outcomes = f.restartedExecutor(events).recover();

        assertThat(outcomes)
                .singleElement()
                .satisfies(
                        o -> assertThat(((RescaleOutcome.Aborted) o).reason()).contains("started by someone else"));
        assertThat(f.flink.alive("orders")).hasSize(1);
        assertThat(f.journal.entry(plan.id()).orElseThrow().state()).isEqualTo(OperationState.RESOLVED_ELSEWHERE);
    }

    @Test
    void aRollbackInterruptedAfterItsSubmissionWaitsForTheRolledBackJob() {
        String savepoint = stopWithSavepoint();
        f.journal.savepointTaken(plan.id(), savepoint);
        f.journal.state(plan.id(), OperationState.ROLLING_BACK, "the rescaled job did not run");
        JobId rollback = new JobId("0ddba11c0ddba11c0ddba11c0ddba11c");
        f.journal.submitPlanned(plan.id(), OperationState.ROLLING_BACK, rollback, "rollback, attempt 1");
        f.client.runJar(
                new JarRun(
                        FakeFlink.JAR_ID,
                        Optional.empty(),
                        List.of(),
                        OptionalInt.empty(),
                        Optional.of(rollback),
                        Optional.of(savepoint),
                        false,
                        plan.vertices().previous()),
                Duration.ofSeconds(5));
        f.journal.submitted(plan.id(), OperationState.ROLLBACK_VERIFYING, rollback);

        List<RescaleOutcome> outcomes = f.restartedExecutor(events).recover();

        assertThat(outcomes).singleElement().isInstanceOf(RescaleOutcome.RolledBack.class);
        assertThat(f.flink.alive("orders"))
                .singleElement()
                .satisfies(j -> assertThat(j.heavyParallelism()).isEqualTo(1));
    }

    @Test
    void aRollbackInterruptedBeforeTheCancelCancelsTheRescaledJobFirst() {
        String savepoint = stopWithSavepoint();
        f.journal.savepointTaken(plan.id(), savepoint);
        JobId rescaled = new JobId("5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e");
        f.client.runJar(
                new JarRun(
                        FakeFlink.JAR_ID,
                        Optional.empty(),
                        List.of(),
                        OptionalInt.empty(),
                        Optional.of(rescaled),
                        Optional.of(savepoint),
                        false,
                        plan.vertices().target()),
                Duration.ofSeconds(5));
        f.journal.submitted(plan.id(), OperationState.VERIFYING, rescaled);
        f.journal.state(plan.id(), OperationState.ROLLING_BACK, "the rescaled job restarted");

        List<RescaleOutcome> outcomes = f.restartedExecutor(events).recover();

        assertThat(outcomes).singleElement().isInstanceOf(RescaleOutcome.RolledBack.class);
        assertThat(f.flink.job(rescaled.value()).orElseThrow().state()).isEqualTo("CANCELED");
        assertThat(f.flink.alive("orders"))
                .singleElement()
                .satisfies(j -> assertThat(j.heavyParallelism()).isEqualTo(1));
    }

    @Test
    void operationsRunningInThisProcessAreNotRecoveredTwice() {
        RescaleExecutor executor = f.executor;
        f.journal.finish(plan.id(), OperationState.ABORTED, "aborted", "test set-up");

        assertThat(executor.recover()).isEmpty();
    }

    private String stopWithSavepoint() {
        TriggerId trigger = TriggerId.random();
        f.journal.stopRequested(plan.id(), trigger);
        f.client.stopWithSavepoint(new StopWithSavepoint(new JobId(old), Optional.empty(), trigger));
        f.time.advance(Duration.ofSeconds(5));
        return f.flink.savepointLocations().get(0);
    }
}
