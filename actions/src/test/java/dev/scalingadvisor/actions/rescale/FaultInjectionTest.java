package dev.scalingadvisor.actions.rescale;

import static dev.scalingadvisor.actions.fake.FakeFlinkServer.Damage.MALFORMED;
import static dev.scalingadvisor.actions.fake.FakeFlinkServer.Damage.RESET;
import static dev.scalingadvisor.actions.fake.FakeFlinkServer.Damage.SERVER_ERROR;
import static dev.scalingadvisor.actions.fake.FakeFlinkServer.Damage.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.FakeFlink;
import dev.scalingadvisor.actions.fake.FakeFlinkServer;
import dev.scalingadvisor.actions.fake.FakeFlinkServer.Damage;
import dev.scalingadvisor.actions.fake.RecordingListener;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WireMock damages the answers of Flink at each step of a savepoint-redeploy (trigger, poll, submit, verify):
 * timeouts, 5xx, connection resets and unreadable bodies, once or every time, with the request reaching the
 * (fake) cluster or not. In every case the outcome and the journal must say what happened, at most one copy of
 * the job may run, and a stopped job always has its savepoint in the journal.
 */
class FaultInjectionTest {

    private static final String STOP = "/v1/jobs/[0-9a-f]{32}/stop";
    private static final String POLL = "/v1/jobs/[0-9a-f]{32}/savepoints/[0-9a-f]{32}";
    private static final String SUBMIT = "/v1/jars/.+/run";
    private static final int ALWAYS = -1;

    @TempDir
    Path dir;

    /** One damaged step and what must come of it. */
    record Case(String step, String method, String path, Damage damage, boolean processed, int times, Expect expect) {
        @Override
        public String toString() {
            return step + " " + damage + (processed ? " after Flink acted" : " before Flink acted")
                    + (times == ALWAYS ? ", every time" : ", " + times + "x");
        }
    }

    /** The expected end. */
    enum Expect {
        /** Rescaled; one job runs at the new parallelism. */
        SUCCEEDED,
        /** Nothing happened; the old job runs. */
        ABORTED,
        /** Stopped with a recorded savepoint; no job runs; the journal keeps it open. */
        LEFT_STOPPED,
        /** The new job runs but could not be verified; the journal keeps the operation open for recovery. */
        UNVERIFIED
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // trigger: the stop request itself (made once)
        cases.add(new Case("trigger", "POST", STOP, TIMEOUT, true, 1, Expect.SUCCEEDED));
        cases.add(new Case("trigger", "POST", STOP, TIMEOUT, false, 1, Expect.ABORTED));
        cases.add(new Case("trigger", "POST", STOP, SERVER_ERROR, false, 1, Expect.ABORTED));
        cases.add(new Case("trigger", "POST", STOP, RESET, true, 1, Expect.SUCCEEDED));
        cases.add(new Case("trigger", "POST", STOP, RESET, false, 1, Expect.ABORTED));
        cases.add(new Case("trigger", "POST", STOP, MALFORMED, true, 1, Expect.SUCCEEDED));
        // poll: the savepoint status; when it never answers, the stopped job's statistics give the savepoint
        for (Damage damage : Damage.values()) {
            cases.add(new Case("poll", "GET", POLL, damage, true, 2, Expect.SUCCEEDED));
            cases.add(new Case("poll", "GET", POLL, damage, true, ALWAYS, Expect.SUCCEEDED));
        }
        // submit: the jar run; a lost answer is adopted by its planned job id, never submitted twice
        cases.add(new Case("submit", "POST", SUBMIT, SERVER_ERROR, false, 1, Expect.SUCCEEDED));
        cases.add(new Case("submit", "POST", SUBMIT, SERVER_ERROR, false, ALWAYS, Expect.LEFT_STOPPED));
        cases.add(new Case("submit", "POST", SUBMIT, TIMEOUT, true, 1, Expect.SUCCEEDED));
        cases.add(new Case("submit", "POST", SUBMIT, TIMEOUT, true, ALWAYS, Expect.SUCCEEDED));
        cases.add(new Case("submit", "POST", SUBMIT, TIMEOUT, false, ALWAYS, Expect.LEFT_STOPPED));
        cases.add(new Case("submit", "POST", SUBMIT, RESET, true, ALWAYS, Expect.SUCCEEDED));
        cases.add(new Case("submit", "POST", SUBMIT, RESET, false, ALWAYS, Expect.LEFT_STOPPED));
        cases.add(new Case("submit", "POST", SUBMIT, MALFORMED, true, ALWAYS, Expect.SUCCEEDED));
        cases.add(new Case("submit", "POST", SUBMIT, MALFORMED, false, ALWAYS, Expect.LEFT_STOPPED));
        // verify: watching the new job
        for (Damage damage : Damage.values()) {
            cases.add(new Case("verify", "GET", "NEW_JOB", damage, true, 2, Expect.SUCCEEDED));
            cases.add(new Case("verify", "GET", "NEW_JOB", damage, true, ALWAYS, Expect.UNVERIFIED));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theJournalAndTheOutcomeTellWhatHappenedAndNoStoppedJobLacksItsSavepoint(Case c) throws Exception {
        // The short client timeout only where the fault is a timeout: elsewhere a busy machine must not add one.
        Duration clientTimeout =
                c.damage() == TIMEOUT ? FakeFlinkServer.CLIENT_TIMEOUT : FakeFlinkServer.PATIENT_CLIENT_TIMEOUT;
        try (RescaleFixture f = new RescaleFixture(dir, clientTimeout)) {
            String old = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
            // Any job but the old one: the job the rescale submits.
            String path = c.path().equals("NEW_JOB") ? "/v1/jobs/(?!" + old + ")[0-9a-f]{32}" : c.path();
            f.server.fault(c.method(), path, c.damage(), c.processed(), c.times());
            RescaleSettings settings = RescaleFixture.settings()
                    .with(RescaleSettings.SAVEPOINT_TIMEOUT, Duration.ofSeconds(8))
                    .with(RescaleSettings.RUNNING_TIMEOUT, Duration.ofSeconds(10))
                    .with(RescaleSettings.VERIFY_WINDOW, Duration.ofSeconds(6))
                    .with(RescaleSettings.POLL_INTERVAL, Duration.ofSeconds(2))
                    .with(RescaleSettings.SUBMIT_ATTEMPTS, 2);

            RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(old, 1, 2, settings));

            OperationId id = outcome.subject().operation().orElseThrow();
            JournalEntry entry = f.journal.entry(id).orElseThrow();
            List<FakeFlink.Job> alive = f.flink.alive("orders");
            assertThat(alive).as("copies of the job running").hasSizeLessThanOrEqualTo(1);
            if (!f.flink.job(old).orElseThrow().running()) {
                assertThat(entry.savepointPath())
                        .as("the old job stopped: its savepoint must be journaled")
                        .isPresent();
            }
            switch (c.expect()) {
                case SUCCEEDED -> {
                    assertThat(outcome).isInstanceOf(RescaleOutcome.Succeeded.class);
                    assertThat(entry.state()).isEqualTo(OperationState.SUCCEEDED);
                    assertThat(alive)
                            .singleElement()
                            .satisfies(j -> assertThat(j.heavyParallelism()).isEqualTo(2));
                    assertThat(alive.get(0).restoredFrom()).isEqualTo(entry.savepointPath());
                }
                case ABORTED -> {
                    assertThat(outcome).isInstanceOf(RescaleOutcome.Aborted.class);
                    assertThat(entry.state()).isEqualTo(OperationState.ABORTED);
                    assertThat(entry.savepointPath()).isEmpty();
                    assertThat(alive).extracting(j -> j.id).containsExactly(old);
                    assertThat(f.flink.calls()).noneMatch(call -> call.contains("/run"));
                }
                case LEFT_STOPPED -> {
                    assertThat(outcome).isInstanceOf(RescaleOutcome.JobLeftStopped.class);
                    assertThat(((RescaleOutcome.JobLeftStopped) outcome).location())
                            .isEqualTo(entry.savepointPath().orElseThrow());
                    assertThat(entry.state()).isEqualTo(OperationState.LEFT_STOPPED);
                    assertThat(entry.finishedAt()).isEmpty();
                    assertThat(alive).isEmpty();
                }
                case UNVERIFIED -> {
                    assertThat(outcome).isInstanceOf(RescaleOutcome.Failed.class);
                    assertThat(((RescaleOutcome.Failed) outcome).resumable()).isTrue();
                    assertThat(((RescaleOutcome.Failed) outcome).savepoint()).isEqualTo(entry.savepointPath());
                    assertThat(entry.state()).isEqualTo(OperationState.VERIFYING);
                    assertThat(entry.finishedAt()).isEmpty();
                    assertThat(alive)
                            .singleElement()
                            .satisfies(j -> assertThat(j.heavyParallelism()).isEqualTo(2));
                    // Once Flink answers again, recovery finishes the verification.
                    f.server.heal();
                    List<RescaleOutcome> recovered =
                            f.restartedExecutor(new RecordingListener()).recover();
                    assertThat(recovered).singleElement().isInstanceOf(RescaleOutcome.Succeeded.class);
                    assertThat(f.journal.entry(id).orElseThrow().state()).isEqualTo(OperationState.SUCCEEDED);
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /**
     * Issue 14, defect 2: the journal cannot record the savepoint of the stopped job (disk full, read-only): the
     * location is in the outcome (and so the notification), nothing is resubmitted, the operation stays open, and
     * once the journal can be written the next attempt records it and finishes the rescale from it.
     */
    @Test
    void aSavepointTheJournalCannotRecordTravelsInTheOutcomeAndTheRescaleFinishesLater() throws Exception {
        try (RescaleFixture f = new RescaleFixture(dir)) {
            String old = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
            try (Statement s = f.db.createStatement()) {
                s.execute(
                        "CREATE TRIGGER disk_full BEFORE UPDATE OF savepoint_path ON rescale_operations"
                                + " WHEN NEW.savepoint_path IS NOT NULL BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
            }
            RescaleSettings settings = RescaleFixture.settings()
                    .with(RescaleSettings.SAVEPOINT_TIMEOUT, Duration.ofSeconds(8))
                    .with(RescaleSettings.POLL_INTERVAL, Duration.ofSeconds(2));

            RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(old, 1, 2, settings));

            assertThat(outcome).isInstanceOfSatisfying(RescaleOutcome.Failed.class, failed -> {
                assertThat(failed.resumable()).isTrue();
                assertThat(failed.savepoint()).isPresent();
                assertThat(failed.detail()).contains(failed.savepoint().get(), "could not record it", "disk is full");
                assertThat(failed.consequence()).contains(failed.savepoint().get());
            });
            OperationId id = outcome.subject().operation().orElseThrow();
            assertThat(f.journal.entry(id).orElseThrow().state()).isEqualTo(OperationState.STOPPING);
            assertThat(f.flink.alive("orders")).isEmpty();
            assertThat(f.flink.calls()).noneMatch(call -> call.contains("/run"));

            try (Statement s = f.db.createStatement()) {
                s.execute("DROP TRIGGER disk_full");
            }
            List<RescaleOutcome> recovered =
                    f.restartedExecutor(new RecordingListener()).recover();

            assertThat(recovered).singleElement().isInstanceOf(RescaleOutcome.Succeeded.class);
            JournalEntry entry = f.journal.entry(id).orElseThrow();
            assertThat(entry.savepointPath()).isEqualTo(((RescaleOutcome.Failed) outcome).savepoint());
            assertThat(f.flink.alive("orders"))
                    .singleElement()
                    .satisfies(j -> assertThat(j.restoredFrom()).isEqualTo(entry.savepointPath()));
        }
    }
}
