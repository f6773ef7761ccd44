package dev.scalingadvisor.actions.rescale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.FakeFlink;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavepointRedeployTest extends WithRescaleFixture {

    @Test
    void rescalesTheBottleneckVertexFromItsSavepointAndJournalsEveryStep() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Succeeded.class);
        RescaleOutcome.Succeeded succeeded = (RescaleOutcome.Succeeded) outcome;
        assertThat(succeeded.job().value()).isNotEqualTo(job);
        FakeFlink.Job newJob = f.flink.job(succeeded.job().value()).orElseThrow();
        assertThat(newJob.heavyParallelism()).isEqualTo(2);
        assertThat(newJob.parallelism).containsEntry(FakeFlink.SOURCE, 1).containsEntry(FakeFlink.SINK, 1);
        assertThat(newJob.restoredFrom()).isEqualTo(succeeded.savepoint());
        assertThat(f.flink.alive("orders")).hasSize(1);
        assertThat(f.listener.kinds()).containsExactly("rescale-started", "savepoint-taken", "rescale-succeeded");
        JournalEntry entry =
                f.journal.entry(succeeded.subject().operation().orElseThrow()).orElseThrow();
        assertThat(entry.state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(entry.savepointPath()).isEqualTo(succeeded.savepoint());
        assertThat(entry.currentJobId()).contains(succeeded.job());
        assertThat(entry.steps())
                .extracting(s -> s.step() + ":" + s.phase())
                .containsSubsequence(
                        "SAVEPOINT:BEGIN",
                        "SAVEPOINT:END",
                        "STOP:BEGIN",
                        "STOP:END",
                        "SUBMIT:BEGIN",
                        "SUBMIT:END",
                        "RUNNING:BEGIN",
                        "RUNNING:END",
                        "VERIFY:BEGIN",
                        "VERIFY:END");
        assertThat(succeeded.timings().of(Step.SAVEPOINT)).contains(Duration.ofSeconds(2));
        assertThat(succeeded.timings().downtime()).isPresent();
        assertThat(f.metric(
                        "scaling_advisor_rescales_total",
                        new String[] {"cluster", "strategy", "outcome"},
                        new String[] {"prod", "savepoint-redeploy", "succeeded"}))
                .isEqualTo(1);
    }

    @Test
    void aResubmittedJobThatIsStillInitializingIsWaitedForNotMistakenForAnotherJar() {
        // Flink shows a submitted job as INITIALIZING with no vertices until its execution graph exists (seen
        // on 1.20.1: the first rescale of the demo rolled back for "no vertex" while the job was initializing).
        f.flink.submittedJobsInitializeFor(Duration.ofSeconds(4));
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(f.flink
                        .job(((RescaleOutcome.Succeeded) outcome).job().value())
                        .orElseThrow()
                        .heavyParallelism())
                .isEqualTo(2);
    }

    @Test
    void theSavepointPathIsInTheJournalBeforeTheResubmission() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        List<String> seenAtSavepoint = new java.util.ArrayList<>();
        f.listener.when(RescaleEvent.SavepointTaken.class, () -> {
            seenAtSavepoint.addAll(f.flink.calls());
            f.journal
                    .open()
                    .forEach(e -> seenAtSavepoint.add(
                            "journal:" + e.state() + ":" + e.savepointPath().orElse("none")));
        });

        f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(seenAtSavepoint).noneMatch(call -> call.contains("/run"));
        assertThat(seenAtSavepoint)
                .anyMatch(s -> s.startsWith("journal:SAVEPOINT_TAKEN:file:///savepoints/savepoint-"));
    }

    @Test
    void aFailedStopWithSavepointAbortsAndLeavesTheJobRunning() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        f.flink.savepointsFail("Checkpoint expired before completing.");

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Aborted.class);
        assertThat(((RescaleOutcome.Aborted) outcome).reason())
                .contains("Checkpoint expired before completing.")
                .contains("keeps running");
        assertThat(f.flink.job(job).orElseThrow().running()).isTrue();
        assertThat(f.flink.calls()).noneMatch(call -> call.contains("/run"));
        assertThat(f.journal.open()).isEmpty();
    }

    @Test
    void aRescaledJobThatCannotGetItsSlotsIsCancelledAndTheJobRollsBackFromTheSameSavepoint() {
        f.flink.slots(1);
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        // The guard sees one free slot for the increase... and the slot is gone by the time the job is resubmitted.
        f.flink.slots(2);
        f.listener.when(RescaleEvent.SavepointTaken.class, () -> f.flink.slots(1));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.RolledBack.class);
        RescaleOutcome.RolledBack rolledBack = (RescaleOutcome.RolledBack) outcome;
        assertThat(rolledBack.reason())
                .contains("did not run")
                .contains("count-per-key at 2 of 2 (0 RUNNING, 2 SCHEDULED)");
        FakeFlink.Job back = f.flink.job(rolledBack.job().value()).orElseThrow();
        assertThat(back.heavyParallelism()).isEqualTo(1);
        assertThat(back.running()).isTrue();
        assertThat(back.restoredFrom()).isEqualTo(rolledBack.savepoint());
        assertThat(f.flink.alive("orders")).extracting(j -> j.id).containsExactly(back.id);
        assertThat(f.journal
                        .entry(rolledBack.subject().operation().orElseThrow())
                        .orElseThrow()
                        .state())
                .isEqualTo(OperationState.ROLLED_BACK);
    }

    @Test
    void aRescaledJobThatRestartsInTheVerifyWindowIsRolledBack() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        f.flink.restart(j -> j.heavyParallelism() == 2, Duration.ofSeconds(10));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.RolledBack.class);
        assertThat(((RescaleOutcome.RolledBack) outcome).reason())
                .contains("restarted during the verify window")
                .contains("boom in orders");
        assertThat(f.flink.alive("orders"))
                .singleElement()
                .satisfies(j -> assertThat(j.heavyParallelism()).isEqualTo(1));
    }

    @Test
    void aJarThatKeepsFailingLeavesTheJobStoppedWithItsSavepointInTheOutcomeAndTheJournal() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        f.flink.mainFails("Missing argument --topic");

        RescaleOutcome outcome = f.executor.execute(
                RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings().with(RescaleSettings.SUBMIT_ATTEMPTS, 2)));

        assertThat(outcome).isInstanceOf(RescaleOutcome.JobLeftStopped.class);
        RescaleOutcome.JobLeftStopped stopped = (RescaleOutcome.JobLeftStopped) outcome;
        assertThat(stopped.location()).startsWith("file:///savepoints/savepoint-");
        assertThat(stopped.reason()).contains("The main method caused an error: Missing argument --topic");
        assertThat(f.flink.calls().stream().filter(c -> c.contains("/run")).count())
                .isEqualTo(4);
        JournalEntry entry =
                f.journal.entry(stopped.subject().operation().orElseThrow()).orElseThrow();
        assertThat(entry.state()).isEqualTo(OperationState.LEFT_STOPPED);
        assertThat(entry.finishedAt()).isEmpty();
        assertThat(entry.savepointPath()).contains(stopped.location());
        assertThat(f.metric("scaling_advisor_jobs_left_stopped", new String[] {"cluster"}, new String[] {"prod"}))
                .isEqualTo(1);
    }

    @Test
    void aCopyOfTheJobStartedWhileItWasStoppedIsNeverDoubled() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        // someone brings the job back by hand between the savepoint and the resubmission
        f.listener.when(RescaleEvent.SavepointTaken.class, () -> f.flink.runningJob("orders", 1, Duration.ZERO));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(f.flink.alive("orders")).as("copies of orders running").hasSize(1);
        assertThat(f.flink.calls()).noneMatch(c -> c.contains("/run"));
        assertThat(outcome.toString()).contains("already runs as", "not submitting a second copy");
    }

    @Test
    void recoveryBringsBackAJobLeftStoppedOnceTheJarWorksAgain() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        f.flink.mainFails("Missing argument --topic");
        f.executor.execute(
                RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings().with(RescaleSettings.SUBMIT_ATTEMPTS, 1)));
        f.flink.mainWorks();

        List<RescaleOutcome> recovered = f.restartedExecutor(new dev.scalingadvisor.actions.fake.RecordingListener())
                .recover();

        assertThat(recovered).singleElement().isInstanceOf(RescaleOutcome.RolledBack.class);
        assertThat(f.flink.alive("orders"))
                .singleElement()
                .satisfies(j -> assertThat(j.heavyParallelism()).isEqualTo(1));
        assertThat(f.journal.open()).isEmpty();
    }

    @Test
    void backsOffBetweenSubmitAttempts() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        f.flink.mainFails("Missing argument --topic");
        java.time.Instant start = f.time.instant();

        f.executor.execute(RescaleFixture.heavy(
                job,
                1,
                2,
                RescaleFixture.settings()
                        .with(RescaleSettings.SUBMIT_ATTEMPTS, 3)
                        .with(RescaleSettings.SUBMIT_BACKOFF, Duration.ofSeconds(5))));

        List<JournalEntry.StepRecord> submits = f.journal.open().get(0).steps().stream()
                .filter(s -> s.step() == Step.SUBMIT && s.phase() == JournalEntry.Phase.BEGIN)
                .toList();
        assertThat(submits).hasSize(6);
        assertThat(Duration.between(submits.get(0).at(), submits.get(1).at())).isEqualTo(Duration.ofSeconds(5));
        assertThat(Duration.between(submits.get(1).at(), submits.get(2).at())).isEqualTo(Duration.ofSeconds(10));
        assertThat(start).isBefore(submits.get(0).at());
    }
}
