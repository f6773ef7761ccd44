package dev.scalingadvisor.actions.rescale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.FakeFlink;
import dev.scalingadvisor.actions.flink.RestCall;
import dev.scalingadvisor.actions.rescale.request.JobJar;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RescaleExecutorTest extends WithRescaleFixture {

    @Test
    void aDryRunShowsTheExactCallsOfASavepointRedeployAndChangesNothing() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));

        RescaleOutcome outcome = f.executor.execute(
                RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings().with(RescaleSettings.DRY_RUN, true)));

        assertThat(outcome).isInstanceOf(RescaleOutcome.DryRun.class);
        List<RestCall> calls = ((RescaleOutcome.DryRun) outcome).calls();
        assertThat(calls)
                .extracting(c -> c.method() + " " + c.path())
                .containsExactly(
                        "POST /v1/jobs/" + job + "/stop",
                        "GET /v1/jobs/" + job + "/savepoints/" + trigger(calls.get(0)),
                        "GET /v1/jobs/" + job,
                        "POST /v1/jars/" + FakeFlink.JAR_ID + "/run",
                        "GET /v1/jobs/<new job id>");
        assertThat(calls.get(3).jsonBody().orElseThrow())
                .contains("\"savepointPath\":\"<savepoint location>\"")
                .contains("\"programArgsList\":[\"--topic\",\"orders\"]")
                .contains("\"restoreMode\":\"NO_CLAIM\"")
                .contains(FakeFlink.HEAVY + ":2");
        assertThat(f.flink.calls()).allMatch(c -> c.startsWith("GET"));
        assertThat(f.journal.open()).isEmpty();
        assertThat(f.journal.history(RescaleFixture.CLUSTER, "orders", 10)).isEmpty();
        assertThat(f.listener.kinds()).containsExactly("dry-run");
    }

    @Test
    void aDryRunInPlaceShowsThePutOfTheNewRequirements() {
        f.flink.adaptiveScheduler();
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));

        RescaleOutcome outcome = f.executor.execute(
                RescaleFixture.heavy(job, 1, 3, RescaleFixture.settings().with(RescaleSettings.DRY_RUN, true)));

        List<RestCall> calls = ((RescaleOutcome.DryRun) outcome).calls();
        assertThat(calls.get(0).toString())
                .startsWith("PUT /v1/jobs/" + job + "/resource-requirements {")
                .contains("\"" + FakeFlink.HEAVY + "\":{\"parallelism\":{\"lowerBound\":1,\"upperBound\":3}}");
        assertThat(f.flink.job(job).orElseThrow().heavyParallelism()).isEqualTo(1);
    }

    @Test
    void anUnreadableOpenOperationInTheJournalKeepsItsClusterFromRescaling() throws Exception {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        RescaleOutcome.Succeeded done = (RescaleOutcome.Succeeded)
                f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));
        try (java.sql.PreparedStatement s = f.db.prepareStatement(
                "UPDATE rescale_operations SET plan = 'not json', finished_at = NULL, state = 'SAVEPOINT_TAKEN'")) {
            s.executeUpdate();
        }
        f.time.advance(Duration.ofHours(2));

        RescaleOutcome next =
                f.executor.execute(RescaleFixture.heavy(done.job().value(), 2, 3, RescaleFixture.settings()));

        assertThat(next).isInstanceOfSatisfying(RescaleOutcome.Blocked.class, blocked -> {
            assertThat(blocked.guard()).isEqualTo(PreflightGuard.CONCURRENCY);
            assertThat(blocked.reason()).contains("cannot be read from the journal", "no rescale runs on cluster prod");
        });
        assertThat(f.executor.unreadableOperations()).hasSize(1);
        assertThat(f.executor.recover()).as("recovery goes on without the row").isEmpty();
    }

    @Test
    void theHourlyBudgetCountsStartedRescalesOfTheJobAcrossItsNewJobIds() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        RescaleSettings once = RescaleFixture.settings()
                .with(RescaleSettings.MAX_PER_JOB_PER_HOUR, 1)
                .with(RescaleSettings.STABILIZATION_PERIOD, Duration.ZERO);
        RescaleOutcome.Succeeded first =
                (RescaleOutcome.Succeeded) f.executor.execute(RescaleFixture.heavy(job, 1, 2, once));

        RescaleOutcome second =
                f.executor.execute(RescaleFixture.heavy(first.job().value(), 2, 3, once));

        assertThat(second).isInstanceOf(RescaleOutcome.Blocked.class);
        assertThat(((RescaleOutcome.Blocked) second).guard()).isEqualTo(PreflightGuard.BUDGET);
        f.time.advance(Duration.ofHours(1));
        assertThat(f.executor.execute(RescaleFixture.heavy(first.job().value(), 2, 3, once)))
                .isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(f.metric("scaling_advisor_rescales_blocked_total", new String[] {"cluster", "guard"}, new String[] {
                    "prod", "budget"
                }))
                .isEqualTo(1);
    }

    @Test
    void aJobLeftStoppedBlocksFurtherRescalesOnTheClusterUntilItIsResolved() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        String other = f.flink.runningJob("payments", 1, Duration.ofMinutes(10));
        f.flink.mainFails("broken jar");
        f.executor.execute(
                RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings().with(RescaleSettings.SUBMIT_ATTEMPTS, 1)));
        f.flink.mainWorks();

        RescaleOutcome outcome = f.executor.execute(new RescaleRequest(
                RescaleFixture.CLUSTER,
                new JobRef(new JobId(other), "payments"),
                RescaleFixture.heavy(other, 1, 2, RescaleFixture.settings()).changes(),
                RescaleFixture.settings(),
                "busy",
                Optional.empty()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Blocked.class);
        assertThat(((RescaleOutcome.Blocked) outcome).guard()).isEqualTo(PreflightGuard.CONCURRENCY);
        assertThat(((RescaleOutcome.Blocked) outcome).reason()).contains("under way or unresolved");
    }

    @Test
    void aJobTheClusterDoesNotKnowIsRefusedAsNotRunning() {
        RescaleOutcome outcome = f.executor.execute(
                RescaleFixture.heavy("0123456789abcdef0123456789abcdef", 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Blocked.class);
        assertThat(((RescaleOutcome.Blocked) outcome).guard()).isEqualTo(PreflightGuard.JOB_NOT_RUNNING);
    }

    @Test
    void anUnknownClusterIsRefused() {
        RescaleRequest request =
                RescaleFixture.heavy("0123456789abcdef0123456789abcdef", 1, 2, RescaleFixture.settings());
        RescaleOutcome outcome = f.executor.execute(new RescaleRequest(
                new ClusterName("staging"),
                request.job(),
                request.changes(),
                request.settings(),
                request.reason(),
                Optional.empty()));

        assertThat(((RescaleOutcome.Blocked) outcome).reason()).contains("no Flink cluster named staging");
    }

    @Test
    void savepointRedeployWithoutAJarIsRefusedBeforeTheJobIsTouched() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        RescaleSettings noJar = RescaleSettings.DEFAULTS.with(RescaleSettings.STABILIZATION_PERIOD, Duration.ZERO);

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, noJar));

        assertThat(((RescaleOutcome.Blocked) outcome).guard()).isEqualTo(PreflightGuard.JAR);
        assertThat(((RescaleOutcome.Blocked) outcome).subject().strategy())
                .contains(RescaleStrategy.SAVEPOINT_REDEPLOY);
        assertThat(f.flink.calls()).allMatch(c -> c.startsWith("GET"));
    }

    @Test
    void aJarByIdThatIsNotUploadedIsRefused() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        RescaleSettings settings = RescaleFixture.settings()
                .with(
                        RescaleSettings.JAR,
                        Optional.of(new JobJar(new JobJar.UploadedId("gone_orders.jar"), Optional.empty(), List.of())));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, settings));

        assertThat(((RescaleOutcome.Blocked) outcome).reason()).contains("no jar with id gone_orders.jar is uploaded");
    }

    @Test
    void aLocalJarNewerThanItsUploadedCopyIsUploadedBeforeTheStop() throws Exception {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        Path jar = Files.write(dir.resolve("orders.jar"), new byte[] {'P', 'K', 3, 4});
        RescaleSettings settings = RescaleFixture.settings()
                .with(
                        RescaleSettings.JAR,
                        Optional.of(new JobJar(new JobJar.LocalFile(jar), Optional.empty(), List.of())));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, settings));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Succeeded.class);
        List<String> calls = f.flink.calls();
        assertThat(calls.indexOf("POST /v1/jars/upload")).isBetween(0, calls.indexOf("POST /v1/jobs/" + job + "/stop"));
        JournalEntry entry =
                f.journal.entry(outcome.subject().operation().orElseThrow()).orElseThrow();
        assertThat(entry.plan().jar().orElseThrow().jarId())
                .hasValueSatisfying(id -> assertThat(id).endsWith("_orders.jar"));
    }

    @Test
    void savepointRedeployWithoutASavepointDirectoryIsRefused() {
        String job = f.flink.withoutSavepointDirectory().runningJob("orders", 1, Duration.ofMinutes(10));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(((RescaleOutcome.Blocked) outcome).guard()).isEqualTo(PreflightGuard.SAVEPOINT_DIRECTORY);
        assertThat(f.executor.execute(RescaleFixture.heavy(
                        job,
                        1,
                        2,
                        RescaleFixture.settings().with(RescaleSettings.SAVEPOINT_DIR, Optional.of("file:///mine")))))
                .isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(f.flink.savepointLocations()).singleElement().asString().startsWith("file:///mine/");
    }

    @Test
    void aClusterThatCannotBeAskedIsRefusedAsUnavailable() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        f.server.fault(
                "GET",
                "/v1/jobs/" + job,
                dev.scalingadvisor.actions.fake.FakeFlinkServer.Damage.SERVER_ERROR,
                false,
                -1);

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(((RescaleOutcome.Blocked) outcome).guard()).isEqualTo(PreflightGuard.FLINK_UNAVAILABLE);
        assertThat(((RescaleOutcome.Blocked) outcome).reason()).contains("leader election");
    }

    private static String trigger(RestCall stop) {
        String body = stop.jsonBody().orElseThrow();
        return body.substring(body.indexOf("\"triggerId\":\"") + 13, body.indexOf("\"triggerId\":\"") + 45);
    }
}
