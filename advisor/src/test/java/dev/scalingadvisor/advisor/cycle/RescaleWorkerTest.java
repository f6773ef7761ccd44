package dev.scalingadvisor.advisor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.rescale.JarSubmission;
import dev.scalingadvisor.actions.rescale.OperationId;
import dev.scalingadvisor.actions.rescale.OperationState;
import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleExecutor;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.RescalePlan;
import dev.scalingadvisor.actions.rescale.Sleeper;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.advisor.state.StateDatabase;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running daemon finishes what its journal holds open, not only at start: an operation left open while it
 * runs is taken up again by itself, with backoff, told once, and a job it may have left stopped is visible at once.
 */
class RescaleWorkerTest {

    private static final ClusterName CLUSTER = new ClusterName("prod");
    private static final RescaleWorker.Retries FAST =
            new RescaleWorker.Retries(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(400));

    @TempDir
    Path dir;

    private StateDatabase database;
    private RescaleJournal journal;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final List<RescaleEvent> events = new CopyOnWriteArrayList<>();
    private final List<Instant> attempts = new CopyOnWriteArrayList<>();
    private RescaleWorker worker;

    @BeforeEach
    void open() throws Exception {
        database = StateDatabase.open(dir.resolve("state.db"));
        journal = new RescaleJournal(database.connection(), Clock.systemUTC());
        RescaleExecutor executor = new RescaleExecutor(
                // No cluster is configured: a resumed operation cannot reach Flink and stays open.
                name -> Optional.empty(),
                journal,
                event -> {
                    events.add(event);
                    if (event instanceof RescaleOutcome) {
                        attempts.add(Instant.now());
                    }
                },
                registry,
                Clock.systemUTC(),
                Sleeper.system());
        worker = new RescaleWorker(executor, System::nanoTime, FAST);
    }

    @AfterEach
    void close() throws Exception {
        worker.close();
        database.close();
    }

    @Test
    void anOperationLeftOpenWhileTheDaemonRunsIsFinishedWithoutARestart() {
        // Given a daemon running with an empty journal, an operation is left open (as by a fault mid-rescale)
        worker.start();
        OperationId id = begin();

        // Then the running worker takes it up by itself and, as it never touched the job, closes it
        await(() -> journal.open().isEmpty(), "the operation closed");
        assertThat(journal.entry(id).orElseThrow().state()).isEqualTo(OperationState.ABORTED);
    }

    @Test
    void anOperationThatStaysOpenIsRetriedWithBackoffToldOnceAndItsStoppedJobShown() throws IOException {
        OperationId id = begin();
        journal.state(id, OperationState.LEFT_STOPPED, "resubmission failed; savepoint file:/sp/1");
        // Started only now: a worker already running could take the operation up between the two writes above, while
        // it is still "started", and rightly close it as never having touched the job (seen once under load).
        worker.start();

        await(() -> attempts.size() >= 4, "four attempts");

        assertThat(journal.entry(id).orElseThrow().state()).isEqualTo(OperationState.LEFT_STOPPED);
        assertThat(events.stream().filter(e -> e instanceof RescaleEvent.Resumed))
                .as("resumed events, in " + events)
                .hasSize(1);
        Duration firstGap = Duration.between(attempts.get(0), attempts.get(1));
        Duration laterGap = Duration.between(attempts.get(2), attempts.get(3));
        assertThat(firstGap).isGreaterThanOrEqualTo(FAST.first());
        assertThat(laterGap).isGreaterThanOrEqualTo(FAST.max()).isGreaterThan(firstGap);
        assertThat(worker.jobsLeftStopped())
                .singleElement()
                .asString()
                .contains("job orders on cluster prod may be stopped", id.value(), "left-stopped");
        String metrics = metrics();
        assertThat(metrics).contains("scaling_advisor_jobs_left_stopped{cluster=\"prod\"} 1.0");
        assertThat(metrics)
                .contains(
                        "scaling_advisor_job_left_stopped{cluster=\"prod\",job=\"orders\",state=\"left-stopped\"} 1.0");
    }

    private OperationId begin() {
        OperationId id = OperationId.random();
        journal.begin(new RescalePlan(
                id,
                CLUSTER,
                new JobRef(new JobId("a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"), "orders"),
                "backpressure",
                RescaleStrategy.SAVEPOINT_REDEPLOY,
                ParallelismChanges.of(new ParallelismChange(new VertexId("v1"), "counter", 1, 2)),
                Optional.of(new JarSubmission(
                        Optional.of("abc_orders.jar"), Optional.empty(), Optional.empty(), List.of(), false)),
                Optional.empty(),
                RescalePlan.Limits.of(RescaleSettings.DEFAULTS)));
        return id;
    }

    private String metrics() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
