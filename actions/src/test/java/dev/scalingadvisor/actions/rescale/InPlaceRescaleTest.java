package dev.scalingadvisor.actions.rescale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.FakeFlink;
import dev.scalingadvisor.actions.fake.FakeFlinkServer.Damage;
import dev.scalingadvisor.actions.fake.RecordingListener;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InPlaceRescaleTest extends WithRescaleFixture {

    private static final String REQUIREMENTS = "/v1/jobs/[0-9a-f]{32}/resource-requirements";

    @BeforeEach
    void onTheAdaptiveScheduler() {
        f.flink.adaptiveScheduler();
    }

    @Test
    void autoRescalesAJobOnTheAdaptiveSchedulerInPlaceAndTimesItsRestart() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Succeeded.class);
        RescaleOutcome.Succeeded succeeded = (RescaleOutcome.Succeeded) outcome;
        assertThat(succeeded.subject().strategy()).contains(RescaleStrategy.IN_PLACE);
        assertThat(succeeded.job().value()).isEqualTo(job);
        assertThat(f.flink.job(job).orElseThrow().heavyParallelism()).isEqualTo(2);
        assertThat(f.flink.calls()).noneMatch(c -> c.contains("/stop") || c.contains("/run"));
        assertThat(f.flink.calls()).filteredOn(c -> c.startsWith("PUT")).hasSize(1);
        assertThat(succeeded.timings().downtime())
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        JournalEntry entry =
                f.journal.entry(succeeded.subject().operation().orElseThrow()).orElseThrow();
        assertThat(entry.previousRequirements()).isPresent();
        assertThat(entry.steps())
                .extracting(s -> s.step() + ":" + s.phase())
                .containsSubsequence(
                        "REQUIREMENTS:BEGIN",
                        "REQUIREMENTS:END",
                        "RUNNING:BEGIN",
                        "RESTART:BEGIN",
                        "RESTART:END",
                        "RUNNING:END",
                        "VERIFY:END");
    }

    @Test
    void theStartIsToldWhileFlinkIsAskedAndEveryLaterEventAfterIt() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        // A listener slow to record the start (a cold history write, a notification) must not hold the request back:
        // this one waits until Flink has the new requirements, which it would never see if the start were told first.
        List<Boolean> requestSeenWhileTelling = new ArrayList<>();
        f.listener.when(RescaleEvent.Started.class, () -> {
            try {
                requestSeenWhileTelling.add(f.flink.awaitCall("PUT " + REQUIREMENTS, Duration.ofSeconds(10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(requestSeenWhileTelling).containsExactly(true);
        List<String> kinds = f.listener.kinds();
        assertThat(kinds.get(0)).isEqualTo("rescale-started");
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("rescale-succeeded");
    }

    @Test
    void aRescaleWithTheDefaultPollIntervalAndVerifyWindowAsksFlinkFewerThanTwentyTimes() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        int before = f.flink.calls().size();

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(
                job, 1, 2, RescaleSettings.DEFAULTS.with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofMinutes(1))));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Succeeded.class);
        List<String> calls = f.flink.calls().subList(before, f.flink.calls().size());
        assertThat(calls).as("every call of the rescale: %s", calls).hasSizeLessThan(20);
        assertThat(calls)
                .filteredOn(c -> c.matches("GET /v1/jobs/[0-9a-f]{32}"))
                .as("looks at the job while it restarts and through the 2-minute verify window")
                .hasSizeLessThan(10);
    }

    @Test
    void aJobWarmedUpWhenFirstSeenHasItsFirstRescaleReadNoJobManagerConfiguration() throws Exception {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        String config = "GET /v1/jobs/" + job + "/jobmanager/config";

        f.executor.warmUp(RescaleFixture.CLUSTER, new JobId(job)).get(10, TimeUnit.SECONDS);
        f.executor.warmUp(RescaleFixture.CLUSTER, new JobId(job)).get(10, TimeUnit.SECONDS);
        int before = f.flink.calls().size();
        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(f.flink.calls())
                .filteredOn(config::equals)
                .as("read once, by the warm-up")
                .hasSize(1);
        assertThat(f.flink.calls().subList(0, before))
                .as("the warm-up's reads, in the background")
                .contains("GET /v1/jobs/" + job + "/checkpoints", "GET /v1/overview");
    }

    @Test
    void aJobStillSeenIsWarmedUpOnceAndOneForgottenIsWarmedUpAgainWhenSeenAgain() throws Exception {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        String config = "GET /v1/jobs/" + job + "/jobmanager/config";
        JobId id = new JobId(job);

        f.executor.warmUp(RescaleFixture.CLUSTER, id).get(10, TimeUnit.SECONDS);
        f.executor.keepPreparedOnly(Set.of(id));
        f.executor.warmUp(RescaleFixture.CLUSTER, id).get(10, TimeUnit.SECONDS);
        assertThat(f.flink.calls()).filteredOn(config::equals).hasSize(1);

        f.executor.keepPreparedOnly(Set.of());
        f.executor.warmUp(RescaleFixture.CLUSTER, id).get(10, TimeUnit.SECONDS);
        assertThat(f.flink.calls())
                .filteredOn(config::equals)
                .as("forgotten when the cycle no longer saw it, prepared again")
                .hasSize(2);
    }

    @Test
    void aWarmUpOfAJobOnAnUnknownClusterDoesNothing() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        int before = f.flink.calls().size();

        assertThat(f.executor.warmUp(new ClusterName("elsewhere"), new JobId(job)))
                .isDone();

        assertThat(f.flink.calls()).hasSize(before);
    }

    @Test
    void onlyTheNamedVertexGetsANewUpperBound() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));

        f.executor.execute(RescaleFixture.heavy(job, 1, 3, RescaleFixture.settings()));

        FakeFlink.Job rescaled = f.flink.job(job).orElseThrow();
        assertThat(rescaled.parallelism)
                .containsEntry(FakeFlink.HEAVY, 3)
                .containsEntry(FakeFlink.SOURCE, 1)
                .containsEntry(FakeFlink.SINK, 1);
    }

    @Test
    void aJobThatDoesNotReachTheTargetGetsItsPreviousRequirementsBack() {
        f.flink.slots(2);
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        RescaleRequest request = RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings());
        // The slot the guard counted is gone when the scheduler asks for it.
        f.server.wiremock().addMockServiceRequestListener((req, res) -> {
            if (req.getMethod().getName().equals("PUT")
                    && req.getBody().length > 0
                    && new String(req.getBody()).contains("\"upperBound\":2")) {
                f.flink.slots(1);
            }
        });

        RescaleOutcome outcome = f.executor.execute(request);

        assertThat(outcome).isInstanceOf(RescaleOutcome.RolledBack.class);
        assertThat(((RescaleOutcome.RolledBack) outcome).reason()).contains("did not reach the new parallelism");
        assertThat(f.flink.calls()).filteredOn(c -> c.startsWith("PUT")).hasSize(2);
        f.flink.slots(2);
        assertThat(f.flink.job(job).orElseThrow().heavyParallelism()).isEqualTo(1);
    }

    @Test
    void scalingBackUpSoonAfterAScaleDownUsesTheIdleSlotsTheSchedulerStillHolds() {
        f.flink.slots(2);
        String job = f.flink.runningJob("orders", 2, Duration.ofMinutes(10));
        RescaleSettings settings = RescaleFixture.settings().with(RescaleSettings.STABILIZATION_PERIOD, Duration.ZERO);
        assertThat(f.executor.execute(RescaleFixture.heavy(job, 2, 1, settings)))
                .isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(f.client.clusterOverview().slotsAvailable())
                .as("the scheduler keeps the idle slot")
                .isZero();

        RescaleOutcome up = f.executor.execute(RescaleFixture.heavy(job, 1, 2, settings));

        assertThat(up).isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(f.flink.job(job).orElseThrow().heavyParallelism()).isEqualTo(2);
    }

    @Test
    void refusedRequirementsAbortWithFlinksMessage() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        f.server
                .wiremock()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(
                                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(REQUIREMENTS))
                        .atPriority(1)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                                .withStatus(400)
                                .withBody(
                                        "{\"errors\":[\"org.apache.flink.runtime.rest.handler.RestHandlerException: The newly requested parallelism 2 for the job vertex "
                                                + FakeFlink.HEAVY + " exceeds its maximum parallelism 1.\"]}")));

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Aborted.class);
        assertThat(((RescaleOutcome.Aborted) outcome).reason()).contains("exceeds its maximum parallelism 1");
        assertThat(f.journal
                        .entry(outcome.subject().operation().orElseThrow())
                        .orElseThrow()
                        .state())
                .isEqualTo(OperationState.ABORTED);
    }

    @Test
    void aLostAnswerToThePutIsSettledByReadingTheRequirementsBack() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        f.server.fault("PUT", REQUIREMENTS, Damage.RESET, true, 1);

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(f.flink.calls()).filteredOn(c -> c.startsWith("PUT")).hasSize(1);
    }

    @Test
    void aPutThatNeverArrivedAbortsWithNothingChanged() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        f.server.fault("PUT", REQUIREMENTS, Damage.SERVER_ERROR, false, 1);

        RescaleOutcome outcome = f.executor.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));

        assertThat(outcome).isInstanceOf(RescaleOutcome.Aborted.class);
        assertThat(((RescaleOutcome.Aborted) outcome).reason()).contains("did not reach Flink");
        assertThat(f.flink.job(job).orElseThrow().heavyParallelism()).isEqualTo(1);
    }

    @Test
    void inPlaceOnTheDefaultSchedulerIsRefused() throws Exception {
        try (RescaleFixture other = new RescaleFixture(java.nio.file.Files.createDirectories(dir.resolve("other")))) {
            String job = other.flink.runningJob("orders", 1, Duration.ofMinutes(10));

            RescaleOutcome outcome = other.executor.execute(RescaleFixture.heavy(
                    job, 1, 2, RescaleFixture.settings().with(RescaleSettings.STRATEGY, RescaleStrategy.IN_PLACE)));

            assertThat(outcome).isInstanceOf(RescaleOutcome.Blocked.class);
            assertThat(((RescaleOutcome.Blocked) outcome).guard()).isEqualTo(PreflightGuard.STRATEGY);
            assertThat(((RescaleOutcome.Blocked) outcome).reason())
                    .contains("adaptive scheduler")
                    .contains("jobmanager.scheduler=default");
        }
    }

    @Test
    void recoveryAfterACrashWithTheRequirementsSentWaitsForTheRescaleAndVerifiesIt() {
        String job = f.flink.runningJob("orders", 1, Duration.ofMinutes(10));
        // The daemon dies right after the PUT: simulate by an interrupted waiting thread.
        RescaleExecutor dying = new RescaleExecutor(
                name -> java.util.Optional.of(f.client),
                f.journal,
                new RecordingListener(),
                new io.prometheus.metrics.model.registry.PrometheusRegistry(),
                f.time,
                new Sleeper() {
                    @Override
                    public void sleep(Duration duration) throws InterruptedException {
                        throw new InterruptedException("killed");
                    }

                    @Override
                    public long nanoTime() {
                        return f.time.nanoTime();
                    }
                });

        RescaleOutcome first = dying.execute(RescaleFixture.heavy(job, 1, 2, RescaleFixture.settings()));
        Thread.interrupted();

        assertThat(first).isInstanceOf(RescaleOutcome.Failed.class);
        assertThat(((RescaleOutcome.Failed) first).resumable()).isTrue();
        assertThat(f.journal.open())
                .singleElement()
                .satisfies(e -> assertThat(e.state()).isEqualTo(OperationState.VERIFYING));
        RecordingListener events = new RecordingListener();
        List<RescaleOutcome> recovered = f.restartedExecutor(events).recover();
        assertThat(recovered).singleElement().isInstanceOf(RescaleOutcome.Succeeded.class);
        assertThat(events.kinds()).containsExactly("rescale-resumed", "rescale-succeeded");
        assertThat(f.flink.job(job).orElseThrow().heavyParallelism()).isEqualTo(2);
    }
}
