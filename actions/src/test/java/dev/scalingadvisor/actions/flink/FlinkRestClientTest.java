package dev.scalingadvisor.actions.flink;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.scalingadvisor.actions.fake.FakeTime;
import dev.scalingadvisor.core.http.HttpAuth;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.testing.MetricValues;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FlinkRestClientTest {

    private static final JobId JOB = new JobId("a21d0004358db6876cd57522f7b44cd4");
    private static final VertexId HEAVY = new VertexId("5b61d6019ab04da71a4e62533c1a8c40");
    private static WireMockServer flink;

    private final FakeTime time = FakeTime.at("2026-03-02T10:00:00Z");
    private PrometheusRegistry registry;
    private FlinkClusters clusters;
    private FlinkRestClient client;

    @BeforeAll
    static void startServer() {
        flink = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        flink.start();
    }

    @AfterAll
    static void stopServer() {
        flink.stop();
    }

    @BeforeEach
    void setUp() {
        flink.resetAll();
        registry = new PrometheusRegistry();
        clusters = new FlinkClusters(registry, time);
        client = clusters.client(settings(HttpAuth.none(), Duration.ofSeconds(2)));
    }

    @Test
    void readsAJobAsFlink120ReportsItWithSlotSharingGroupsAndTopology() {
        flink.stubFor(get("/v1/jobs/" + JOB).willReturn(okJson(fixture("job-details-1.20.json"))));

        JobDetails job = client.job(JOB);

        assertThat(job.state()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.jobType()).contains("STREAMING");
        assertThat(job.lastEntered(JobStatus.RUNNING)).isPresent();
        assertThat(job.lastEntered(JobStatus.RESTARTING)).isEmpty();
        assertThat(job.vertices())
                .extracting(JobVertex::name)
                .containsExactly("Source: orders", "count-per-key", "ledger -> discard: Writer");
        JobVertex heavy = job.vertex(HEAVY).orElseThrow();
        assertThat(heavy.parallelism()).isEqualTo(2);
        assertThat(heavy.maxParallelism()).isEqualTo(128);
        assertThat(heavy.slotSharingGroup()).contains("c85bef07a6e5d8a5f3b881b39de780bb");
        assertThat(heavy.allTasksRunning())
                .as("one of two subtasks is only SCHEDULED")
                .isFalse();
        assertThat(job.isFullyRunning()).isFalse();
        assertThat(job.edges())
                .extracting(e -> e.source().value().substring(0, 4) + "->"
                        + e.target().value().substring(0, 4) + " " + e.shipStrategy())
                .containsExactlyInAnyOrder("5b61->c813 HASH", "45b0->5b61 HASH");
        assertThat(job.requiredSlots(Map.of(HEAVY, 4))).isEqualTo(4);
    }

    @Test
    void readsAJobAsFlink119ReportsItWithoutTheFieldsAddedIn120() {
        flink.stubFor(get("/v1/jobs/" + JOB).willReturn(okJson(fixture("job-details-1.19.json"))));

        JobDetails job = client.job(JOB);

        assertThat(job.jobType()).isEmpty();
        assertThat(job.vertices())
                .allSatisfy(v -> assertThat(v.slotSharingGroup()).isEmpty());
        assertThat(job.requiredSlots(Map.of())).isEqualTo(2);
    }

    @Test
    void readsCheckpointStatisticsWithTheirLatestFailureAndSavepoint() {
        flink.stubFor(get("/v1/jobs/" + JOB + "/checkpoints").willReturn(okJson(fixture("checkpoints-1.20.json"))));

        CheckpointStats stats = client.checkpoints(JOB).orElseThrow();

        assertThat(stats.latestCompleted())
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(8));
        assertThat(stats.latestSavepoint())
                .hasValueSatisfying(s ->
                        assertThat(s.externalPath()).contains("file:/tmp/savepoints/savepoint-2fd3a7-dcaed6180366"));
        assertThat(stats.latestFailed())
                .hasValueSatisfying(f -> assertThat(f.message()).contains("Checkpoint expired before completing."));
        assertThat(stats.restored())
                .hasValueSatisfying(r -> assertThat(r.savepoint()).isTrue());
        assertThat(stats.checkpointFailuresSince(java.time.Instant.ofEpochMilli(1795456698500L)))
                .isEqualTo(1);
        assertThat(stats.checkpointFailuresSince(java.time.Instant.ofEpochMilli(1795456699500L)))
                .isZero();
    }

    @Test
    void aJobWithoutCheckpointingHasNoStatistics() {
        flink.stubFor(
                get("/v1/jobs/" + JOB + "/checkpoints")
                        .willReturn(
                                aResponse()
                                        .withStatus(404)
                                        .withBody(
                                                "{\"errors\":[\"org.apache.flink.runtime.rest.handler.RestHandlerException: Checkpointing has not been enabled.\"]}")));

        assertThat(client.checkpoints(JOB)).isEmpty();
    }

    @Test
    void refusalsCarryFlinksOwnMessageWithTheDeepestCause() {
        flink.stubFor(post(urlPathEqualTo("/v1/jars/orders.jar/run"))
                .willReturn(aResponse().withStatus(400).withBody("""
                {"errors":["org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\\n\\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest$1(JarRunHandler.java:114)\\nCaused by: org.apache.flink.client.program.ProgramInvocationException: The main method caused an error: Failed to execute job 'explore'.\\n\\tat X\\nCaused by: org.apache.flink.runtime.client.DuplicateJobSubmissionException: Job has already been submitted.\\n\\t... 4 more\\n"]}""")));

        assertThatThrownBy(() -> client.runJar(
                        new JarRun(
                                "orders.jar",
                                Optional.empty(),
                                List.of(),
                                OptionalInt.empty(),
                                Optional.of(JOB),
                                Optional.empty(),
                                false,
                                Map.of()),
                        Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(FlinkRestException.ErrorResponse.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.mentions("DuplicateJobSubmissionException")).isTrue();
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "flink cluster prod: POST /v1/jars/orders.jar/run answered 400: "
                                            + "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application. | "
                                            + "org.apache.flink.runtime.client.DuplicateJobSubmissionException: Job has already been submitted.");
                });
    }

    @Test
    void serverErrorsShowTheExceptionFlinkThrewOnItsSide() {
        flink.stubFor(get("/v1/jobs/" + JOB + "/resource-requirements")
                .willReturn(aResponse().withStatus(500).withBody("""
                {"errors":["Internal server error.","<Exception on server side:\\njava.lang.UnsupportedOperationException: The DefaultScheduler does not support changing the parallelism without a job restart.\\n\\tat org.apache.flink.runtime.scheduler.SchedulerNG.requestJobResourceRequirements(SchedulerNG.java:216)\\n\\nEnd of exception on server side>"]}""")));

        assertThatThrownBy(() -> client.resourceRequirements(JOB))
                .isInstanceOfSatisfying(FlinkRestException.ErrorResponse.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.flinkMessage())
                            .isEqualTo(
                                    "Internal server error. | java.lang.UnsupportedOperationException: The DefaultScheduler "
                                            + "does not support changing the parallelism without a job restart.");
                });
    }

    @Test
    void anAnswerThatIsNotTheDocumentedJsonIsMalformedAndNamesTheField() {
        flink.stubFor(get("/v1/overview").willReturn(aResponse().withStatus(200).withBody("<html>proxy</html>")));
        assertThatThrownBy(client::clusterOverview)
                .isInstanceOf(FlinkRestException.MalformedResponse.class)
                .hasMessageContaining("not JSON");

        flink.stubFor(get("/v1/overview")
                .willReturn(okJson("{\"flink-version\":\"1.20.1\",\"taskmanagers\":1,\"slots-total\":2}")));
        assertThatThrownBy(client::clusterOverview)
                .isInstanceOf(FlinkRestException.MalformedResponse.class)
                .hasMessageContaining("slots-available: expected a whole number, got nothing");
    }

    @Test
    void aSlowClusterTimesOutAsUnreachable() {
        FlinkRestClient impatient = clusters.client(settings(HttpAuth.none(), Duration.ofMillis(300)));
        flink.stubFor(get("/v1/overview").willReturn(okJson("{}").withFixedDelay(1500)));

        assertThatThrownBy(impatient::clusterOverview)
                .isInstanceOf(FlinkRestException.Unreachable.class)
                .hasMessageContaining("GET /v1/overview failed")
                .hasMessageContaining("imeout");
    }

    @Test
    void detectsTheAdaptiveSchedulerFromTheJobsJobManagerConfiguration() {
        flink.stubFor(get("/v1/jobs/" + JOB).willReturn(okJson(fixture("job-details-1.20.json"))));
        flink.stubFor(get("/v1/jobs/" + JOB + "/jobmanager/config").willReturn(okJson("""
                [{"key":"jobmanager.scheduler","value":"adaptive"},{"key":"state.savepoints.dir","value":"file:///sp"}]""")));
        assertThat(client.scheduler(JOB)).isEqualTo(JobScheduler.ADAPTIVE);

        flink.stubFor(get("/v1/jobs/" + JOB + "/jobmanager/config")
                .willReturn(okJson("[{\"key\":\"jobmanager.scheduler\",\"value\":\"default\"}]")));
        assertThat(client.scheduler(JOB)).isEqualTo(JobScheduler.DEFAULT);

        assertThat(JobScheduler.of(
                        Map.of("jobmanager.scheduler", "adaptive", "scheduler-mode", "reactive"), Optional.empty()))
                .isEqualTo(JobScheduler.REACTIVE);
        assertThat(JobScheduler.of(Map.of(), Optional.empty())).isEqualTo(JobScheduler.DEFAULT);
        assertThat(JobScheduler.of(Map.of("jobmanager.scheduler", "adaptive"), Optional.of("BATCH")))
                .isEqualTo(JobScheduler.ADAPTIVE_BATCH);
    }

    @Test
    void submitsWithPerVertexParallelismAJobIdOfItsOwnAndAFlinkOwnedSavepointLeftAlone() {
        flink.stubFor(
                post(urlPathEqualTo("/v1/jars/1b2c_orders.jar/run")).willReturn(okJson("{\"jobid\":\"" + JOB + "\"}")));

        JobId submitted = client.runJar(
                new JarRun(
                        "1b2c_orders.jar",
                        Optional.of("com.example.Orders"),
                        List.of("--topic", "orders"),
                        OptionalInt.empty(),
                        Optional.of(JOB),
                        Optional.of("file:/sp/savepoint-1"),
                        false,
                        Map.of(HEAVY, 2, new VertexId("45b0254a46cabbc3efeea5d2e170ea5b"), 1)),
                Duration.ofSeconds(2));

        assertThat(submitted).isEqualTo(JOB);
        flink.verify(
                postRequestedFor(urlPathEqualTo("/v1/jars/1b2c_orders.jar/run")).withRequestBody(equalToJson("""
                {"entryClass":"com.example.Orders","programArgsList":["--topic","orders"],"jobId":"a21d0004358db6876cd57522f7b44cd4",
                 "savepointPath":"file:/sp/savepoint-1","allowNonRestoredState":false,"restoreMode":"NO_CLAIM",
                 "flinkConfiguration":{"pipeline.jobvertex-parallelism-overrides":"45b0254a46cabbc3efeea5d2e170ea5b:1,5b61d6019ab04da71a4e62533c1a8c40:2"}}""")));
    }

    @Test
    void stopsWithASavepointUnderItsOwnTriggerIdAndReadsEachStatus() {
        TriggerId trigger = new TriggerId("0123456789abcdef0123456789abcdef");
        flink.stubFor(post("/v1/jobs/" + JOB + "/stop")
                .willReturn(aResponse().withStatus(202).withBody("{\"request-id\":\"" + trigger + "\"}")));
        flink.stubFor(get("/v1/jobs/" + JOB + "/savepoints/" + trigger)
                .willReturn(okJson("{\"status\":{\"id\":\"IN_PROGRESS\"}}")));

        assertThat(client.stopWithSavepoint(new StopWithSavepoint(JOB, Optional.of("file:///sp"), trigger)))
                .isEqualTo(trigger);
        flink.verify(postRequestedFor(urlEqualTo("/v1/jobs/" + JOB + "/stop"))
                .withRequestBody(equalToJson(
                        "{\"drain\":false,\"formatType\":\"CANONICAL\",\"targetDirectory\":\"file:///sp\",\"triggerId\":\""
                                + trigger + "\"}")));
        assertThat(client.savepointStatus(JOB, trigger)).isEqualTo(new SavepointStatus.InProgress());

        flink.stubFor(
                get("/v1/jobs/" + JOB + "/savepoints/" + trigger)
                        .willReturn(
                                okJson(
                                        "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\"file:/sp/savepoint-a21d00-1\"}}")));
        assertThat(client.savepointStatus(JOB, trigger))
                .isEqualTo(new SavepointStatus.Completed("file:/sp/savepoint-a21d00-1"));

        flink.stubFor(get("/v1/jobs/" + JOB + "/savepoints/" + trigger).willReturn(okJson("""
                {"status":{"id":"COMPLETED"},"operation":{"failure-cause":{"class":"org.apache.flink.util.FlinkException",
                 "stack-trace":"org.apache.flink.util.FlinkException: Stop with savepoint failed.\\n\\tat X\\nCaused by: org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing.\\n",
                 "serialized-throwable":"rO0AB"}}}""")));
        assertThat(client.savepointStatus(JOB, trigger))
                .isEqualTo(
                        new SavepointStatus.Failed(
                                "org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing."));
    }

    @Test
    void changesResourceRequirementsForEveryVertexAtOnce() {
        flink.stubFor(get("/v1/jobs/" + JOB + "/resource-requirements").willReturn(okJson("""
                {"45b0254a46cabbc3efeea5d2e170ea5b":{"parallelism":{"lowerBound":1,"upperBound":1}},
                 "5b61d6019ab04da71a4e62533c1a8c40":{"parallelism":{"lowerBound":2,"upperBound":2}}}""")));
        flink.stubFor(put("/v1/jobs/" + JOB + "/resource-requirements").willReturn(okJson("{}")));

        ResourceRequirements current = client.resourceRequirements(JOB);
        client.updateResourceRequirements(JOB, current.withUpperBound(HEAVY, 1));

        flink.verify(putRequestedFor(urlEqualTo("/v1/jobs/" + JOB + "/resource-requirements"))
                .withRequestBody(equalToJson("""
                {"45b0254a46cabbc3efeea5d2e170ea5b":{"parallelism":{"lowerBound":1,"upperBound":1}},
                 "5b61d6019ab04da71a4e62533c1a8c40":{"parallelism":{"lowerBound":1,"upperBound":1}}}""")));
    }

    @Test
    void uploadsAJarAsMultipartAndReturnsItsId(@TempDir Path dir) throws IOException {
        Path jar = Files.write(dir.resolve("orders.jar"), new byte[] {'P', 'K', 3, 4});
        flink.stubFor(
                post("/v1/jars/upload")
                        .willReturn(
                                okJson(
                                        "{\"filename\":\"/tmp/flink-web-upload/7e57af02-b811-4c79-8c2e-50c43659ac2d_orders.jar\",\"status\":\"success\"}")));

        assertThat(client.uploadJar(jar, Duration.ofSeconds(5)))
                .isEqualTo("7e57af02-b811-4c79-8c2e-50c43659ac2d_orders.jar");
        flink.verify(postRequestedFor(urlEqualTo("/v1/jars/upload"))
                .withRequestBodyPart(new com.github.tomakehurst.wiremock.matching.MultipartValuePatternBuilder()
                        .withName("jarfile")
                        .build()));
    }

    @Test
    void sendsTheBearerTokenButNeverShowsItInErrorsOrLogs() {
        String token = "s3cr3t-flink-token-4711";
        FlinkRestClient authenticated =
                clusters.client(settings(new HttpAuth.Bearer(Secret.of(token)), Duration.ofSeconds(2)));
        flink.stubFor(get("/v1/overview")
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":[\"leader election\"]}")));
        Logger logger = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            assertThatThrownBy(authenticated::clusterOverview)
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(token));
        } finally {
            logger.detachAppender(logs);
        }
        flink.verify(
                getRequestedFor(urlEqualTo("/v1/overview")).withHeader("Authorization", equalTo("Bearer " + token)));
        assertThat(logs.list)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(token));
    }

    @Test
    void theCircuitBreakerOpensAfterRepeatedFailuresSparesTheClusterAndClosesAfterTrialCalls() {
        Logger logger = (Logger) LoggerFactory.getLogger(FlinkClusters.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        flink.stubFor(get("/v1/overview")
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":[\"leader election\"]}")));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(client::clusterOverview).isInstanceOf(FlinkRestException.ErrorResponse.class);
        }

        assertThatThrownBy(client::clusterOverview).isInstanceOf(FlinkRestException.CircuitOpen.class);
        flink.verify(5, getRequestedFor(urlEqualTo("/v1/overview")));
        assertThat(breakerState("open")).isEqualTo(1);
        assertThat(breakerState("closed")).isZero();

        flink.stubFor(get("/v1/overview")
                .willReturn(okJson(
                        "{\"flink-version\":\"1.20.1\",\"taskmanagers\":1,\"slots-total\":2,\"slots-available\":1}")));
        time.advance(Duration.ofSeconds(31));
        client.clusterOverview();
        client.clusterOverview();
        assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(MetricValues.of(registry)
                        .value("scaling_advisor_flink_requests_total", "cluster", "prod", "outcome", "not_permitted"))
                .isEqualTo(1);

        // The log says when the advisor stopped calling the cluster and why, and when it called it again
        logger.detachAppender(logs);
        assertThat(logs.list)
                .extracting(e -> e.getLevel() + " " + e.getFormattedMessage())
                .containsExactly(
                        "WARN flink cluster=prod circuit_breaker=open from=closed failure_rate=100.0% calls=5"
                                + " last_failure=\"flink cluster prod: GET /v1/overview answered 503: leader election\""
                                + " next=\"no calls to this cluster until the wait is over, then trial calls\"",
                        "INFO flink cluster=prod circuit_breaker=half-open from=open",
                        "INFO flink cluster=prod circuit_breaker=closed from=half-open");
    }

    @Test
    void anOpenBreakerTurnsHalfOpenWithoutACallAndALostTrialCallCannotKeepItHalfOpen() throws InterruptedException {
        // The waits are kept by resilience4j's scheduler in real time: short ones here, 30 s and 60 s in the daemon
        FlinkClusters quick = new FlinkClusters(
                new PrometheusRegistry(),
                Clock.systemUTC(),
                FlinkClusters.breakerConfig(Duration.ofMillis(300), Duration.ofMillis(600)));
        FlinkRestClient quickClient = quick.client(settings(HttpAuth.none(), Duration.ofSeconds(2)));
        CircuitBreaker breaker = quickClient.circuitBreaker();
        flink.stubFor(get("/v1/overview")
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":[\"leader election\"]}")));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(quickClient::clusterOverview).isInstanceOf(FlinkRestException.ErrorResponse.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        // Then, with no call at all, it turns half-open once the wait is over (what the guard and the metric read)
        awaitState(breaker, CircuitBreaker.State.HALF_OPEN);

        // When both trial calls are let through and never report back
        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.tryAcquirePermission()).isFalse();

        // Then it opens again after the trial window, turns half-open again, and trial calls that answer close it
        awaitState(breaker, CircuitBreaker.State.OPEN);
        awaitState(breaker, CircuitBreaker.State.HALF_OPEN);
        flink.stubFor(get("/v1/overview")
                .willReturn(okJson(
                        "{\"flink-version\":\"1.20.1\",\"taskmanagers\":1,\"slots-total\":2,\"slots-available\":1}")));
        quickClient.clusterOverview();
        quickClient.clusterOverview();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static void awaitState(CircuitBreaker breaker, CircuitBreaker.State state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (breaker.getState() != state) {
            assertThat(System.nanoTime())
                    .as("the breaker " + state + " within 10 s")
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void refusalsDoNotOpenTheCircuitBreaker() {
        flink.stubFor(get("/v1/jobs/" + JOB)
                .willReturn(aResponse().withStatus(404).withBody("{\"errors\":[\"Job not found\"]}")));
        for (int i = 0; i < 10; i++) {
            assertThat(client.findJob(JOB)).isEmpty();
        }
        assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void listsJobsWithTheirStateAndStartTime() {
        flink.stubFor(get("/v1/jobs/overview").willReturn(okJson("""
                {"jobs":[{"jid":"a21d0004358db6876cd57522f7b44cd4","name":"orders","start-time":1795456641594,"end-time":-1,"duration":9235,
                  "last-modification":1795456642057,"state":"RUNNING","tasks":{"total":3,"running":3}},
                 {"jid":"2fd3a7b7ba196d0d3f169f8317377a52","name":"orders","start-time":1795456600000,"end-time":1795456640000,"duration":40000,
                  "last-modification":1795456640000,"state":"FINISHED","tasks":{"total":3,"finished":3}}]}""")));

        assertThat(client.jobs())
                .extracting(j -> j.name() + " " + j.state() + " " + j.endTime().isPresent())
                .containsExactly("orders RUNNING false", "orders FINISHED true");
    }

    @Test
    void readsTheJobsConfigAndItsLatestFailure() {
        flink.stubFor(get("/v1/jobs/" + JOB + "/config").willReturn(okJson("""
                {"jid":"a21d0004358db6876cd57522f7b44cd4","name":"orders","execution-config":{"execution-mode":"PIPELINED",
                 "restart-strategy":"Cluster level default restart strategy","job-parallelism":4,"object-reuse-mode":false,
                 "user-config":{"topic":"orders"}}}""")));
        flink.stubFor(get(urlPathEqualTo("/v1/jobs/" + JOB + "/exceptions")).willReturn(okJson("""
                {"root-exception":"java.lang.RuntimeException: old style","timestamp":1795456650000,"all-exceptions":[],"truncated":false,
                 "exceptionHistory":{"entries":[{"exceptionName":"java.lang.IllegalStateException","stacktrace":"org.apache.flink.runtime.JobException: Recovery is suppressed\\n\\tat X\\nCaused by: java.lang.IllegalStateException: key 42 overflowed\\n\\tat Y","timestamp":1795456650000,"taskName":"count-per-key (1/2)"}],"truncated":false}}""")));

        JobConfig config = client.jobConfig(JOB);
        assertThat(config.jobParallelism()).hasValue(4);
        assertThat(config.userConfig()).containsEntry("topic", "orders");
        assertThat(client.latestException(JOB))
                .hasValueSatisfying(
                        e -> assertThat(e.message()).isEqualTo("java.lang.IllegalStateException: key 42 overflowed"));
    }

    @Test
    void triggersASavepointOfARunningJobAndCancelsJobs() {
        TriggerId trigger = new TriggerId("0123456789abcdef0123456789abcdef");
        flink.stubFor(post("/v1/jobs/" + JOB + "/savepoints")
                .willReturn(aResponse().withStatus(202).withBody("{\"request-id\":\"" + trigger + "\"}")));
        flink.stubFor(
                com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo("/v1/jobs/" + JOB + "?mode=cancel"))
                        .willReturn(aResponse().withStatus(202).withBody("{}")));

        assertThat(client.triggerSavepoint(new SavepointTrigger(JOB, Optional.empty(), trigger)))
                .isEqualTo(trigger);
        client.cancel(JOB);

        flink.verify(postRequestedFor(urlEqualTo("/v1/jobs/" + JOB + "/savepoints"))
                .withRequestBody(equalToJson(
                        "{\"cancel-job\":false,\"formatType\":\"CANONICAL\",\"triggerId\":\"" + trigger + "\"}")));
        flink.verify(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(
                urlEqualTo("/v1/jobs/" + JOB + "?mode=cancel")));
    }

    @Test
    void readsAJobsStatusUncachedAndTheSlotsItHolds() {
        flink.stubFor(get("/v1/jobs/" + JOB + "/status").willReturn(okJson("{\"status\":\"FINISHED\"}")));
        flink.stubFor(
                get("/v1/taskmanagers").willReturn(okJson("{\"taskmanagers\":[{\"id\":\"tm-0\"},{\"id\":\"tm-1\"}]}")));
        flink.stubFor(get("/v1/taskmanagers/tm-0")
                .willReturn(okJson("{\"id\":\"tm-0\",\"allocatedSlots\":[{\"jobId\":\"" + JOB
                        + "\",\"resource\":{}},{\"jobId\":\"ffffffffffffffffffffffffffffffff\",\"resource\":{}}]}")));
        flink.stubFor(get("/v1/taskmanagers/tm-1")
                .willReturn(
                        okJson("{\"id\":\"tm-1\",\"allocatedSlots\":[{\"jobId\":\"" + JOB + "\",\"resource\":{}}]}")));

        assertThat(client.jobStatus(JOB)).contains(JobStatus.FINISHED);
        assertThat(client.slotsAllocatedTo(JOB)).isEqualTo(2);
    }

    @Test
    void oneClientPerSettingsAndOneCircuitBreakerPerClusterName() {
        FlinkRestClient same = clusters.client(settings(HttpAuth.none(), Duration.ofSeconds(2)));
        FlinkRestClient reloaded = clusters.client(settings(HttpAuth.none(), Duration.ofSeconds(5)));

        assertThat(same).isSameAs(client);
        assertThat(reloaded).isNotSameAs(client);
        assertThat(reloaded.circuitBreaker()).isSameAs(client.circuitBreaker());
    }

    private double breakerState(String state) {
        return MetricValues.of(registry)
                .value("scaling_advisor_flink_circuit_breaker_state", "cluster", "prod", "state", state);
    }

    private static FlinkClusterSettings settings(HttpAuth auth, Duration timeout) {
        URI url = URI.create("http://127.0.0.1:" + flink.port());
        return new FlinkClusterSettings(
                new ClusterName("prod"), new HttpEndpoint(url, timeout, auth, Optional.empty()), url);
    }

    private static String fixture(String name) {
        try (InputStream in = FlinkRestClientTest.class.getResourceAsStream("/flink-rest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
