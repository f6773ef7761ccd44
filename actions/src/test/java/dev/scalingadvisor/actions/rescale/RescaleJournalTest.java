package dev.scalingadvisor.actions.rescale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.FakeTime;
import dev.scalingadvisor.actions.fake.TestDatabase;
import dev.scalingadvisor.actions.flink.ResourceRequirements;
import dev.scalingadvisor.actions.flink.TriggerId;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RescaleJournalTest {

    @TempDir
    Path dir;

    final FakeTime time = FakeTime.at("2026-03-02T10:00:00Z");

    @Test
    void whatWasWrittenBeforeACrashIsReadBackByTheNextProcess() throws Exception {
        RescalePlan plan = plan();
        try (Connection first = TestDatabase.open(dir.resolve("state.db"))) {
            RescaleJournal journal = new RescaleJournal(first, time);
            journal.begin(plan);
            time.advance(Duration.ofSeconds(1));
            journal.stopRequested(plan.id(), new TriggerId("0123456789abcdef0123456789abcdef"));
            time.advance(Duration.ofSeconds(3));
            journal.savepointTaken(plan.id(), "file:///sp/savepoint-1");
        }

        try (Connection second = TestDatabase.open(dir.resolve("state.db"))) {
            RescaleJournal journal = new RescaleJournal(second, time);
            List<JournalEntry> open = journal.open();

            assertThat(open).singleElement().satisfies(entry -> {
                assertThat(entry.plan()).isEqualTo(plan);
                assertThat(entry.state()).isEqualTo(OperationState.SAVEPOINT_TAKEN);
                assertThat(entry.triggerId()).contains(new TriggerId("0123456789abcdef0123456789abcdef"));
                assertThat(entry.savepointPath()).contains("file:///sp/savepoint-1");
                assertThat(entry.timings().of(Step.SAVEPOINT)).contains(Duration.ofSeconds(3));
                assertThat(entry.steps())
                        .extracting(JournalEntry.StepRecord::seq)
                        .containsExactly(1, 2);
            });
        }
    }

    @Test
    void aRescaleCountsFromTheRestartNotFromTheEndOfItsVerifyWindow() throws Exception {
        try (Connection db = TestDatabase.open(dir.resolve("state.db"))) {
            RescaleJournal journal = new RescaleJournal(db, time);
            RescalePlan plan = plan();
            journal.begin(plan);
            assertThat(journal.entry(plan.id()).orElseThrow().restartedAt())
                    .as("not restarted yet: counts from its start")
                    .isEqualTo(time.instant());
            time.advance(Duration.ofSeconds(5));
            journal.stepBegan(plan.id(), Step.RUNNING, "job");
            time.advance(Duration.ofSeconds(4));
            journal.stepEnded(plan.id(), Step.RUNNING, "running");
            var restarted = time.instant();
            journal.stepBegan(plan.id(), Step.VERIFY, "120 s");
            time.advance(Duration.ofMinutes(2));
            journal.stepEnded(plan.id(), Step.VERIFY, "stable");
            journal.finish(plan.id(), OperationState.SUCCEEDED, "succeeded", "done");

            assertThat(journal.history(new ClusterName("prod"), "orders", 1))
                    .singleElement()
                    .satisfies(e -> assertThat(e.restartedAt()).isEqualTo(restarted));
        }
    }

    @Test
    void aFinishedOperationLeavesTheOpenListButStaysInTheHistory() {
        try (Connection db = TestDatabase.open(dir.resolve("state.db"))) {
            RescaleJournal journal = new RescaleJournal(db, time);
            RescalePlan plan = plan();
            journal.begin(plan);
            journal.finish(plan.id(), OperationState.SUCCEEDED, "succeeded", "done");

            assertThat(journal.open()).isEmpty();
            assertThat(journal.history(new ClusterName("prod"), "orders", 5))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.outcome()).contains("succeeded");
                        assertThat(e.finishedAt()).contains(time.instant());
                    });
            assertThat(journal.startedSince(
                            new ClusterName("prod"), "orders", time.instant().minusSeconds(1)))
                    .isEqualTo(1);
            assertThat(journal.startedSince(
                            new ClusterName("prod"), "orders", time.instant().plusSeconds(1)))
                    .isZero();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void creatingTheTablesTwiceIsHarmlessAndKeepsTheRows() throws Exception {
        try (Connection db = TestDatabase.open(dir.resolve("state.db"))) {
            new RescaleJournal(db, time).begin(plan());
            assertThat(new RescaleJournal(db, time).open()).hasSize(1);
        }
    }

    @Test
    void keepsThePreviousResourceRequirementsForARollback() throws Exception {
        try (Connection db = TestDatabase.open(dir.resolve("state.db"))) {
            RescaleJournal journal = new RescaleJournal(db, time);
            RescalePlan plan = plan();
            journal.begin(plan);
            ResourceRequirements previous =
                    new ResourceRequirements(Map.of(new VertexId("heavy"), new ResourceRequirements.Bounds(1, 2)));
            journal.requirementsChanging(plan.id(), previous, previous.withUpperBound(new VertexId("heavy"), 4));

            assertThat(journal.entry(plan.id()).orElseThrow().previousRequirements())
                    .contains(previous);
        }
    }

    @Test
    void anUnreadableRowIsSetAsideNamedAndKeptWhileTheOtherOperationsAreRead() throws Exception {
        RescalePlan damaged = plan();
        RescalePlan sound = plan();
        try (Connection db = TestDatabase.open(dir.resolve("state.db"))) {
            RescaleJournal journal = new RescaleJournal(db, time);
            journal.begin(damaged);
            journal.savepointTaken(damaged.id(), "file:///sp/savepoint-1");
            journal.begin(sound);
            // as a newer version's plan, or a damaged page, would read
            try (PreparedStatement s = db.prepareStatement("UPDATE rescale_operations SET plan = ? WHERE id = ?")) {
                s.setString(1, "{\"version\": 99, \"cluster\": ");
                s.setString(2, damaged.id().value());
                s.executeUpdate();
            }
        }

        try (Connection db = TestDatabase.open(dir.resolve("state.db"))) {
            RescaleJournal journal = new RescaleJournal(db, time);

            assertThat(journal.open()).extracting(JournalEntry::id).containsExactly(sound.id());
            assertThat(journal.unreadableOpen()).singleElement().satisfies(row -> {
                assertThat(row.id()).isEqualTo(damaged.id().value());
                assertThat(row.cluster()).isEqualTo("prod");
                assertThat(row.describe())
                        .startsWith("rescale operation " + damaged.id() + " on cluster prod cannot be read from the"
                                + " journal (")
                        .endsWith("no rescale runs on cluster prod until the row is repaired or deleted; its job may be"
                                + " stopped");
            });
            assertThat(journal.openOn(new ClusterName("prod"))).isEqualTo(2);
            try (PreparedStatement s = db.prepareStatement("SELECT plan FROM rescale_operations WHERE id = ?")) {
                s.setString(1, damaged.id().value());
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as("the row is left as it was").startsWith("{\"version\": 99");
                }
            }
        }
    }

    private RescalePlan plan() {
        return new RescalePlan(
                OperationId.random(),
                new ClusterName("prod"),
                new JobRef(new JobId("0123456789abcdef0123456789abcdef"), "orders"),
                "busy 1000 ms/s",
                RescaleStrategy.SAVEPOINT_REDEPLOY,
                ParallelismChanges.of(
                        new ParallelismChange(new VertexId("heavy"), "heavy", 2, 4),
                        new ParallelismChange(new VertexId("source"), "source", 1, 1)),
                Optional.of(new JarSubmission(
                        Optional.of("1b2c_orders.jar"),
                        Optional.empty(),
                        Optional.of("com.example.Orders"),
                        List.of("--topic", "orders"),
                        true)),
                Optional.of("file:///sp"),
                RescalePlan.Limits.of(RescaleSettings.DEFAULTS));
    }
}
