package dev.scalingadvisor.testbed.e2e.loop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorDecision;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorExtension;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorMode;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.FlinkRest;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.process.Waits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advisor when parts fail, on real Flink and Prometheus: Prometheus gone, the advisor itself killed in the
 * middle of a rescale, Flink's REST API unreachable. Flink is reached through a WireMock proxy, which passes
 * every call to the real cluster unless a test makes it hang or reset one.
 */
class FailuresIT {

    @RegisterExtension
    static ScrapedFlinkExtension testbed = new ScrapedFlinkExtension(
            FlinkClusterOptions.defaults().withTaskManagers(2).withSlotsPerTaskManager(2));

    @RegisterExtension
    static WireMockExtension flinkProxy = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    @RegisterExtension
    TestLoads loads = new TestLoads(testbed::cluster);

    @RegisterExtension
    AdvisorExtension advisors = new AdvisorExtension();

    /** The advisor's jar run call; it uses the versioned API ({@code /v1/…}). */
    private static final String JAR_RUN = "(/v1)?/jars/[^/]+/run";
    /** Stop-with-savepoint. */
    private static final String STOP = "(/v1)?/jobs/[^/]+/stop";
    /** The status of a savepoint or stop-with-savepoint. */
    private static final String SAVEPOINT_STATUS = "(/v1)?/jobs/[^/]+/savepoints/[^/]+";

    private static final String OUTAGE = "flink-outage";
    private static final String DOWN = "down";

    @TempDir
    Path dir;

    @BeforeEach
    void proxyEverythingToFlink() {
        flinkProxy.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse().proxiedFrom(testbed.cluster().restUrl())));
    }

    /** A test that failed with Prometheus stopped must not leave the next one blind. */
    @AfterEach
    void restartPrometheus() {
        if (!testbed.prometheus().server().isRunning()) {
            testbed.prometheus().server().start();
        }
    }

    @Test
    void withoutPrometheusNothingIsDecidedAndTheAdvisorIsNotReadyUntilItIsBack() {
        // An idle job: with data, busy-low would scale it down after stabilization + for + scaleDownDelay (40 s)
        LoadJob load = loads.start(LoadJobOptions.defaults().withJobName("e2e_blind"), 2, 300);
        String name = load.options().jobName();
        AdvisorProcess advisor = advisors.start(LoopConfig.of(AdvisorMode.ACT, testbed, load, dir));
        Await.until(Duration.ofSeconds(30), "the advisor ready", advisor::ready);

        // When Prometheus goes away
        testbed.prometheus().server().stop();

        // Then the advisor says it is not ready, and decides nothing for longer than a decision would take
        Await.until(
                Duration.ofSeconds(15),
                "/readyz answering 503",
                () -> advisor.get("/readyz").status() == 503);
        Instant blindUntil = Instant.now()
                .plus(LoopConfig.STABILIZATION)
                .plus(LoopConfig.RULE_FOR)
                .plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(blindUntil)) {
            assertThat(advisor.get("/readyz").status())
                    .as("/readyz while Prometheus is down")
                    .isEqualTo(503);
            Waits.sleep(LoopConfig.INTERVAL);
        }
        assertThat(advisor.healthy()).as("/healthz: the loop itself is alive").isTrue();
        assertThat(History.metric(advisor, "scaling_advisor_ready")).contains(0.0);
        assertThat(History.kinds(advisor, name))
                .as("history of " + name + " without data")
                .isEmpty();
        assertThat(FlinkJobs.live(testbed.cluster().rest(), name))
                .extracting(FlinkJobs.Run::id)
                .containsExactly(load.jobId());
        assertThat(FlinkJobs.heavyParallelism(testbed.cluster().rest(), load.jobId()))
                .isEqualTo(2);

        // When Prometheus is back, the advisor recovers by itself
        testbed.prometheus().server().start();
        Await.until(Duration.ofSeconds(30), "the advisor ready again", advisor::ready);
        assertThat(History.metric(advisor, "scaling_advisor_ready")).contains(1.0);
    }

    @Test
    void aDaemonKilledBetweenSavepointAndResubmissionFinishesTheRescaleAfterARestart() {
        LoadJob load = loads.saturating("e2e_crash");
        String name = load.options().jobName();
        FlinkRest rest = testbed.cluster().rest();

        // Given the advisor in act mode, whose resubmission will hang in the proxy (never reaching Flink)
        StubMapping hangingRun = flinkProxy.stubFor(post(urlPathMatching(JAR_RUN))
                .atPriority(1)
                .willReturn(aResponse().withStatus(503).withFixedDelay((int)
                        Duration.ofMinutes(5).toMillis())));
        AdvisorProcess advisor = advisors.start(
                LoopConfig.of(AdvisorMode.ACT, testbed.prometheus().baseUrl(), flinkProxy.baseUrl(), load, dir)
                        .withRescale("strategy", "savepoint-redeploy"));

        // When it is SIGKILLed the moment it asks Flink to run the job again: after the savepoint, before the
        // resubmission
        History.until(
                advisor,
                name,
                Duration.ofMinutes(3),
                "the advisor resubmitting " + name,
                () -> !flinkProxy
                        .findAll(postRequestedFor(urlPathMatching(JAR_RUN)))
                        .isEmpty());
        advisor.kill();

        // Then the job is stopped with its savepoint, and nothing runs in its place
        // (GET /jobs/:id is cached for Flink's web.refresh-interval; /jobs/:id/status is not)
        assertThat(rest.get("/jobs/" + load.jobId() + "/status").path("status").asText())
                .isEqualTo("FINISHED");
        assertThat(FlinkJobs.live(rest, name))
                .as("runs of " + name + " after the crash")
                .isEmpty();

        // When the advisor is started again (Flink answering normally)
        flinkProxy.removeStub(hangingRun);
        advisor.restart();

        // Then it finishes the rescale from its journal: the job runs at the new parallelism
        AdvisorDecision succeeded = History.await(advisor, name, "rescale-succeeded", Duration.ofMinutes(3));
        String rescaled = FlinkJobs.awaitRunningAt(testbed.cluster(), name, 2, Duration.ofMinutes(1));
        assertThat(succeeded.details().path("newJobId").asText()).isEqualTo(rescaled);
        List<String> kinds = History.kinds(advisor, name);
        assertThat(kinds)
                .containsSubsequence("rescale-started", "savepoint-taken", "rescale-resumed", "rescale-succeeded");
        assertThat(kinds.stream().filter("rescale-started"::equals))
                .as("rescales started, in " + kinds)
                .hasSize(1);

        // And the journal is closed: nothing in progress, nothing left stopped, nothing resumed on the next start
        assertThat(History.metric(advisor, "scaling_advisor_rescales_in_progress", "cluster", LoopConfig.CLUSTER)
                        .orElse(0.0))
                .isZero();
        assertThat(History.metric(advisor, "scaling_advisor_jobs_left_stopped").orElse(0.0))
                .isZero();
        advisor.restart();
        Waits.sleep(LoopConfig.INTERVAL.multipliedBy(3));
        assertThat(History.kinds(advisor, name).stream().filter("rescale-resumed"::equals))
                .as("resumed rescales after a second restart")
                .hasSize(1);

        // And the keyed state came through the crash
        LoadJobState state = loads.drain(load);
        assertThat(state.noStateLost()).as(state.toString()).isTrue();
    }

    /**
     * Issue 14, defect 1: Flink's REST API goes away for 90 s the moment the advisor asks for stop-with-savepoint,
     * longer than the advisor waits for the savepoint (savepointTimeout 20 s, then a 60 s final look). The rescale
     * is left open with the job stopped; the same daemon process, not restarted, takes it up again with backoff
     * once Flink answers and resubmits the job from its savepoint. No second copy ever runs.
     */
    @Test
    void theRunningDaemonFinishesARescaleLeftOpenWhileFlinkWasUnreachableForNinetySeconds() throws Exception {
        LoadJob load = loads.saturating("e2e_outage");
        String name = load.options().jobName();
        FlinkRest rest = testbed.cluster().rest();

        // Given: the stop request reaches Flink and, in the same step, the proxy starts resetting every connection
        StubMapping stopThenFail = flinkProxy.stubFor(post(urlPathMatching(STOP))
                .atPriority(2)
                .inScenario(OUTAGE)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo(DOWN)
                .willReturn(aResponse().proxiedFrom(testbed.cluster().restUrl())));
        StubMapping outage = flinkProxy.stubFor(any(anyUrl())
                .atPriority(1)
                .inScenario(OUTAGE)
                .whenScenarioStateIs(DOWN)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        AdvisorProcess advisor = advisors.start(
                LoopConfig.of(AdvisorMode.ACT, testbed.prometheus().baseUrl(), flinkProxy.baseUrl(), load, dir)
                        .withRescale("strategy", "savepoint-redeploy")
                        .withRescale("savepointTimeout", Duration.ofSeconds(20)));
        long pid = advisor.pid();
        try (CopiesWatch copies = CopiesWatch.start(rest, name)) {
            // When the advisor stops the job with a savepoint, Flink is unreachable for 90 s
            Await.until(
                    Duration.ofMinutes(3),
                    "the advisor stopping " + name,
                    () -> flinkProxy.getAllScenarios().getScenarios().stream()
                            .anyMatch(sc -> sc.getState().equals(DOWN)));
            Instant outageEnds = Instant.now().plusSeconds(90);
            // What the job has to read after its rescale is not what this test is about: at the saturating rate the
            // minutes it is stopped leave some 300,000 records behind, which a busy machine takes minutes to drain.
            load.setRate(LoadJobOptions.SATURATING_RATE / 10.0);

            // Then, while Flink is away, the job it stopped is shown as left stopped, by count and by name (the
            // advisor gives up on this attempt after savepointTimeout and a 60 s final look)
            Await.until(
                    Duration.ofMinutes(2),
                    "scaling_advisor_jobs_left_stopped 1 during the outage",
                    () -> History.metric(advisor, "scaling_advisor_jobs_left_stopped", "cluster", LoopConfig.CLUSTER)
                                    .orElse(0.0)
                            == 1.0);
            Await.until(
                    Duration.ofSeconds(30),
                    "/readyz naming the stopped job",
                    () -> advisor.get("/readyz").body().contains("job " + name + " on cluster"));
            assertThat(advisor.get("/readyz").body()).contains("may be stopped");
            assertThat(rest.get("/jobs/" + load.jobId() + "/status")
                            .path("status")
                            .asText())
                    .isEqualTo("FINISHED");
            assertThat(FlinkJobs.live(rest, name))
                    .as("runs of " + name + " during the outage")
                    .isEmpty();
            if (Instant.now().isBefore(outageEnds)) {
                Waits.sleep(Duration.between(Instant.now(), outageEnds));
            }

            // When Flink answers again
            flinkProxy.removeStub(outage);
            flinkProxy.removeStub(stopThenFail);

            // Then the same process resubmits the job from its savepoint: it runs at the target with its state
            // (the attempt that gave up during the outage is in the history as rescale-failed, which History.await
            // would take for the end)
            AdvisorDecision succeeded = Await.until(
                    Duration.ofMinutes(4),
                    "rescale-succeeded for " + name + " after the outage",
                    () -> History.of(advisor, name).stream()
                            .filter(d -> d.kind().equals("rescale-succeeded"))
                            .findFirst());
            String rescaled = FlinkJobs.awaitRunningAt(testbed.cluster(), name, 2, Duration.ofMinutes(1));
            assertThat(succeeded.details().path("newJobId").asText()).isEqualTo(rescaled);
            assertFinishedByTheSameProcess(advisor, pid, name, copies);
            assertThat(advisor.get("/readyz").body()).doesNotContain("may be stopped");
        }
        LoadJobState state = loads.drain(load);
        assertThat(state.noStateLost()).as(state.toString()).isTrue();
    }

    /**
     * The journal's disk is full at the worst moment: right after the job stopped with its savepoint. A trigger in
     * the daemon's own database makes SQLite answer "database or disk is full" to the write that records the
     * savepoint, as it does when the file system is full, and nothing else.
     */
    @Test
    void aSavepointTheJournalCannotRecordIsNotLostAndTheRunningDaemonFinishesTheRescaleOnceItCanWrite()
            throws Exception {
        LoadJob load = loads.saturating("e2e_disk_full");
        String name = load.options().jobName();
        FlinkRest rest = testbed.cluster().rest();
        AdvisorProcess advisor = advisors.start(
                LoopConfig.of(AdvisorMode.ACT, testbed.prometheus().baseUrl(), flinkProxy.baseUrl(), load, dir)
                        .withRescale("strategy", "savepoint-redeploy"));
        long pid = advisor.pid();
        try (Connection journal = DriverManager.getConnection(
                        "jdbc:sqlite:" + advisor.stateDir().resolve("advisor.db"));
                CopiesWatch copies = CopiesWatch.start(rest, name)) {
            // Given a journal that cannot record a savepoint
            execute(
                    journal,
                    "CREATE TRIGGER disk_full BEFORE UPDATE OF savepoint_path ON rescale_operations"
                            + " WHEN NEW.savepoint_path IS NOT NULL BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
            long logFrom = advisor.logLength();

            // When the advisor stops the job with a savepoint
            AdvisorDecision failed = History.await(advisor, name, "rescale-failed", Duration.ofMinutes(4));
            load.setRate(LoadJobOptions.SATURATING_RATE / 10.0);

            // Then the savepoint's location is not lost: logged before the write, carried by the outcome into the
            // history; nothing was resubmitted, and the job is shown as left stopped
            String savepoint = failed.details().path("savepoint").asText();
            assertThat(savepoint).as(failed.toString()).isNotEmpty();
            assertThat(failed.details().path("detail").asText())
                    .contains("could not record it", "database or disk is full");
            advisor.awaitLog(
                    Pattern.compile("WARN .*stopped with savepoint=" + Pattern.quote(savepoint)),
                    logFrom,
                    Duration.ofSeconds(5));
            assertThat(FlinkJobs.live(rest, name))
                    .as("runs of " + name + " while the journal is full")
                    .isEmpty();
            Await.until(
                    Duration.ofSeconds(30),
                    "scaling_advisor_jobs_left_stopped 1 while the journal is full",
                    () -> jobsLeftStopped(advisor) == 1.0);

            // When the disk has room again
            execute(journal, "DROP TRIGGER disk_full");

            // Then the same process records the savepoint and resubmits the job from it, at the target
            History.until(
                    advisor,
                    name,
                    Duration.ofMinutes(3),
                    "rescale-succeeded after the journal could be written",
                    () -> History.kinds(advisor, name).contains("rescale-succeeded"));
            FlinkJobs.awaitRunningAt(testbed.cluster(), name, 2, Duration.ofMinutes(1));
            assertFinishedByTheSameProcess(advisor, pid, name, copies);
        }
        LoadJobState state = loads.drain(load);
        assertThat(state.noStateLost()).as(state.toString()).isTrue();
    }

    /**
     * A savepoint that outlasts its timeout: Flink's status of the stop-with-savepoint says "in progress" for good
     * (the proxy answers so), while the stop itself goes through. The advisor decides by the job's state: the job
     * has ended, its savepoint is in the checkpoint statistics, and the rescale is finished from it.
     */
    @Test
    void aSavepointWhoseStatusOutlastsTheTimeoutIsDecidedByTheJobAndTheRescaleFinishes() {
        LoadJob load = loads.saturating("e2e_slow_savepoint");
        String name = load.options().jobName();
        FlinkRest rest = testbed.cluster().rest();
        flinkProxy.stubFor(get(urlPathMatching(SAVEPOINT_STATUS))
                .atPriority(1)
                .willReturn(okJson("{\"status\":{\"id\":\"IN_PROGRESS\"},\"operation\":null}")));
        AdvisorProcess advisor = advisors.start(
                LoopConfig.of(AdvisorMode.ACT, testbed.prometheus().baseUrl(), flinkProxy.baseUrl(), load, dir)
                        .withRescale("strategy", "savepoint-redeploy")
                        .withRescale("savepointTimeout", Duration.ofSeconds(15)));
        long logFrom = advisor.logLength();
        try (CopiesWatch copies = CopiesWatch.start(rest, name)) {
            AdvisorDecision succeeded = History.await(advisor, name, "rescale-succeeded", Duration.ofMinutes(4));

            String rescaled = FlinkJobs.awaitRunningAt(testbed.cluster(), name, 2, Duration.ofMinutes(1));
            assertThat(succeeded.details().path("newJobId").asText()).isEqualTo(rescaled);
            advisor.awaitLog(
                    Pattern.compile("WARN .*the savepoint did not complete within 15 s.*deciding by the job.s state"),
                    logFrom,
                    Duration.ofSeconds(5));
            assertThat(flinkProxy
                            .countRequestsMatching(getRequestedFor(urlPathMatching(SAVEPOINT_STATUS))
                                    .build())
                            .getCount())
                    .as("status calls answered \"in progress\"")
                    .isGreaterThan(3);
            assertThat(jobsLeftStopped(advisor)).isZero();
            assertThat(copies.most())
                    .as("copies of " + name + " running at once")
                    .isEqualTo(1);
        }
        load.setRate(LoadJobOptions.SATURATING_RATE / 10.0);
        LoadJobState state = loads.drain(load);
        assertThat(state.noStateLost()).as(state.toString()).isTrue();
    }

    /**
     * Slow and idle clients against the daemon process: connections that send nothing, requests trickled a byte at
     * a time (slowloris), answers nobody reads. The probes keep answering quickly and the cycles keep running.
     */
    @Test
    void slowAndIdleClientsStarveNeitherTheProbesNorTheCycles() throws Exception {
        LoadJob load = loads.start(LoadJobOptions.defaults().withJobName("e2e_slow_clients"), 1, 200);
        AdvisorProcess advisor = advisors.start(
                LoopConfig.of(AdvisorMode.OBSERVE, testbed.prometheus().baseUrl(), flinkProxy.baseUrl(), load, dir));
        Await.until(Duration.ofSeconds(30), "the advisor ready", advisor::ready);
        double cyclesBefore = History.metric(advisor, "scaling_advisor_evaluation_cycles_total", "outcome", "ok")
                .orElseThrow();

        Duration held = Duration.ofSeconds(20);
        Duration slowestProbe = Duration.ZERO;
        try (HostileClients hostile = HostileClients.against(advisor.port(), 8, 12, 4)) {
            Instant end = Instant.now().plus(held);
            while (Instant.now().isBefore(end)) {
                for (String probe : List.of("/healthz", "/readyz")) {
                    long started = System.nanoTime();
                    assertThat(advisor.get(probe).status())
                            .as(probe + " under slow clients")
                            .isEqualTo(200);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    slowestProbe = took.compareTo(slowestProbe) > 0 ? took : slowestProbe;
                }
                Waits.sleep(Duration.ofMillis(500));
            }
            assertThat(hostile.cutOff())
                    .as("trickling requests the daemon cut off")
                    .isPositive();
            System.out.println("[e2e] slow and idle clients for " + held.toSeconds() + " s: slowest probe "
                    + slowestProbe.toMillis() + " ms, " + hostile.cutOff() + " trickling requests cut off");
        }

        assertThat(slowestProbe)
                .as("the slowest probe while the clients were held")
                .isLessThan(Duration.ofSeconds(2));
        double cycles = History.metric(advisor, "scaling_advisor_evaluation_cycles_total", "outcome", "ok")
                .orElseThrow();
        assertThat(cycles - cyclesBefore)
                .as("cycles run in " + held.toSeconds() + " s at a " + LoopConfig.INTERVAL.toSeconds() + " s interval")
                .isGreaterThanOrEqualTo(held.dividedBy(LoopConfig.INTERVAL) - 2);
        assertThat(advisor.get("/metrics").status()).isEqualTo(200);
    }

    /**
     * How a fault that left an operation open must end: the daemon that was running all along took it up again and
     * finished it, nothing is left stopped, and there was never a second copy of the job.
     */
    private static void assertFinishedByTheSameProcess(
            AdvisorProcess advisor, long pid, String name, CopiesWatch copies) {
        assertThat(advisor.pid()).as("the advisor was not restarted").isEqualTo(pid);
        assertThat(History.kinds(advisor, name))
                .containsSubsequence("rescale-started", "rescale-failed", "rescale-resumed", "rescale-succeeded");
        Await.until(
                Duration.ofSeconds(30),
                "scaling_advisor_jobs_left_stopped back to 0",
                () -> jobsLeftStopped(advisor) == 0.0);
        assertThat(copies.most()).as("copies of " + name + " running at once").isEqualTo(1);
    }

    private static double jobsLeftStopped(AdvisorProcess advisor) {
        // The series appears with the first operation that may leave a job stopped: none yet is none.
        return History.metric(advisor, "scaling_advisor_jobs_left_stopped", "cluster", LoopConfig.CLUSTER)
                .orElse(0.0);
    }

    private static void execute(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void whileFlinkCannotBeReachedTheBreakerOpensAndNothingIsRescaled() {
        LoadJob load = loads.saturating("e2e_unreachable");
        String name = load.options().jobName();

        // Given the advisor in act mode, which has seen the job on its cluster; a longer stabilization, so that
        // Flink is gone well before the backpressured job could be decided
        AdvisorProcess advisor = advisors.start(
                LoopConfig.of(AdvisorMode.ACT, testbed.prometheus().baseUrl(), flinkProxy.baseUrl(), load, dir)
                        .withRescale("strategy", "savepoint-redeploy")
                        .withScaling("stabilization", Duration.ofSeconds(45)));
        Await.until(
                Duration.ofSeconds(30),
                "the advisor evaluating " + name,
                () -> History.evaluation(advisor, load.jobId()).isPresent());
        assertThat(History.metric(
                        advisor,
                        "scaling_advisor_flink_circuit_breaker_state",
                        "cluster",
                        LoopConfig.CLUSTER,
                        "state",
                        "closed"))
                .contains(1.0);

        // When Flink's REST API resets every connection
        StubMapping unreachable = flinkProxy.stubFor(
                any(anyUrl()).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        // Then the breaker opens and shows in /metrics
        Await.until(
                Duration.ofSeconds(30),
                "the Flink circuit breaker open in /metrics",
                () -> History.metric(
                                        advisor,
                                        "scaling_advisor_flink_circuit_breaker_state",
                                        "cluster",
                                        LoopConfig.CLUSTER,
                                        "state",
                                        "open")
                                .orElse(0.0)
                        == 1.0);

        // And the job, decided from Prometheus alone, is refused by the breaker guard: no rescale is attempted
        AdvisorDecision blocked = History.await(
                advisor,
                name,
                "rescale-blocked",
                d -> d.details().path("guard").asText().equals("circuit-breaker"),
                Duration.ofMinutes(2));
        assertThat(blocked.parallelismChange()).contains("1 → 2");
        assertThat(History.kinds(advisor, name)).doesNotContain("rescale-started");
        assertThat(FlinkJobs.live(testbed.cluster().rest(), name))
                .extracting(FlinkJobs.Run::id)
                .containsExactly(load.jobId());

        // When Flink answers again, the breaker closes by itself, and the decision that held is carried out
        flinkProxy.removeStub(unreachable);
        Await.until(
                Duration.ofSeconds(90),
                "the Flink circuit breaker closed again",
                () -> History.metric(
                                        advisor,
                                        "scaling_advisor_flink_circuit_breaker_state",
                                        "cluster",
                                        LoopConfig.CLUSTER,
                                        "state",
                                        "closed")
                                .orElse(0.0)
                        == 1.0);
        History.await(advisor, name, "rescale-succeeded", Duration.ofMinutes(2));
        FlinkJobs.awaitRunningAt(testbed.cluster(), name, 2, Duration.ofMinutes(1));
    }
}
