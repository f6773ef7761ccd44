package dev.scalingadvisor.actions.it;

import dev.scalingadvisor.actions.fake.RecordingListener;
import dev.scalingadvisor.actions.fake.TestDatabase;
import dev.scalingadvisor.actions.flink.CheckpointStats;
import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.actions.flink.FlinkClusters;
import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.JobVertex;
import dev.scalingadvisor.actions.rescale.RescaleExecutor;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.Sleeper;
import dev.scalingadvisor.actions.rescale.request.JobJar;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.TestbedBuild;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.Submission;
import dev.scalingadvisor.testbed.process.Waits;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The executor against a real testbed cluster, with the testbed's stateful load job, a journal in a temporary
 * SQLite file and the real clock.
 */
final class RealRescale implements AutoCloseable {

    static final ClusterName CLUSTER = new ClusterName("testbed");

    final FlinkCluster cluster;
    final LoadJob load;
    final Connection db;
    final RescaleJournal journal;
    final PrometheusRegistry registry = new PrometheusRegistry();
    final FlinkClusters clusters = new FlinkClusters(registry, Clock.systemUTC());
    final FlinkRestClient client;
    final RecordingListener listener = new RecordingListener();
    final RescaleExecutor executor;

    RealRescale(FlinkCluster cluster, Path dir, LoadJobOptions options) {
        this.cluster = cluster;
        this.load = LoadJob.create(options);
        this.db = TestDatabase.open(dir.resolve("state.db"));
        this.journal = new RescaleJournal(db, Clock.systemUTC());
        this.client = clusters.client(settings(cluster));
        this.executor = new RescaleExecutor(
                name -> Optional.of(client), journal, listener, registry, Clock.systemUTC(), Sleeper.system());
    }

    static FlinkClusterSettings settings(FlinkCluster cluster) {
        URI url = URI.create(cluster.restUrl());
        return new FlinkClusterSettings(CLUSTER, HttpEndpoint.open(url, Duration.ofSeconds(10)), url);
    }

    /** Submits the load job with the heavy operator at {@code parallelism} and waits for every task and a checkpoint. */
    String submit(int parallelism) {
        return submit(Submission.parallelism(parallelism));
    }

    String submit(Submission submission) {
        String id = load.submitAndAwaitRunning(cluster, submission, Duration.ofSeconds(120));
        awaitCheckpoint(id);
        return id;
    }

    /** Generous margins: other builds share the machine's two cores. */
    RescaleSettings settings() {
        return RescaleSettings.DEFAULTS
                .with(RescaleSettings.JAR, Optional.of(jar(load)))
                .with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofSeconds(2))
                .with(RescaleSettings.VERIFY_WINDOW, Duration.ofSeconds(10))
                .with(RescaleSettings.POLL_INTERVAL, Duration.ofMillis(250))
                .with(RescaleSettings.SAVEPOINT_TIMEOUT, Duration.ofSeconds(120))
                .with(RescaleSettings.RUNNING_TIMEOUT, Duration.ofSeconds(120))
                .with(RescaleSettings.SUBMIT_BACKOFF, Duration.ofSeconds(2))
                .with(RescaleSettings.MAX_PER_JOB_PER_HOUR, 10);
    }

    RescaleRequest heavy(String job, int from, int to, RescaleSettings settings) {
        return new RescaleRequest(
                CLUSTER,
                new JobRef(new JobId(job), load.options().jobName()),
                ParallelismChanges.of(new ParallelismChange(heavyVertex(job), LoadJob.HEAVY_OPERATOR, from, to)),
                settings,
                "test: count-per-key " + from + " -> " + to,
                Optional.empty());
    }

    VertexId heavyVertex(String job) {
        return client.job(new JobId(job)).vertices().stream()
                .filter(v -> v.name().contains(LoadJob.HEAVY_OPERATOR))
                .map(JobVertex::id)
                .findFirst()
                .orElseThrow();
    }

    int heavyParallelism(String job) {
        return client.job(new JobId(job)).vertex(heavyVertex(job)).orElseThrow().parallelism();
    }

    void awaitCheckpoint(String job) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (client.checkpoints(new JobId(job))
                    .flatMap(CheckpointStats::latestCompleted)
                    .isPresent()) {
                return;
            }
            Waits.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("job " + job + " completed no checkpoint within 60 s");
    }

    /**
     * How the executor resubmits the load job: its jar by the name the testbed uploads it under, and its program
     * arguments. The arguments repeat {@code LoadJobOptions.programArguments}, which the testbed keeps
     * package-private (asked to make it public).
     */
    static JobJar jar(LoadJob load) {
        LoadJobOptions o = load.options();
        List<String> args = List.of(
                "--control-dir", load.control().dir().toString(),
                "--job-name", o.jobName(),
                "--keys", Integer.toString(o.keys()),
                "--hot-key-fraction", Double.toString(o.hotKeyFraction()),
                "--work-micros", Long.toString(o.workMicros()),
                "--cpu-share", Double.toString(o.cpuShare()),
                "--checkpoint-interval-ms", Long.toString(o.checkpointInterval().toMillis()));
        return new JobJar(
                new JobJar.UploadedName(TestbedBuild.loadJobJar().getFileName().toString()), Optional.empty(), args);
    }

    @Override
    public void close() throws SQLException {
        load.close();
        db.close();
    }
}
