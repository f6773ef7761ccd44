package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.fake.FakeFlink;
import dev.scalingadvisor.actions.fake.FakeFlinkServer;
import dev.scalingadvisor.actions.fake.FakeTime;
import dev.scalingadvisor.actions.fake.RecordingListener;
import dev.scalingadvisor.actions.fake.TestDatabase;
import dev.scalingadvisor.actions.flink.FlinkClusters;
import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.rescale.request.JobJar;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.core.http.HttpAuth;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.core.testing.MetricValues;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A fake Flink cluster, a journal in a temporary SQLite file and an executor wired to both, on a fake clock. */
final class RescaleFixture implements AutoCloseable {

    static final ClusterName CLUSTER = new ClusterName("prod");

    final FakeTime time = FakeTime.at("2026-03-02T10:00:00Z");
    final FakeFlinkServer server = FakeFlinkServer.start(time);
    final FakeFlink flink = server.flink();
    final Connection db;
    final RescaleJournal journal;
    final PrometheusRegistry registry = new PrometheusRegistry();
    final FlinkClusters clusters = new FlinkClusters(registry, time);
    final FlinkRestClient client;
    private final Duration clientTimeout;
    final RecordingListener listener = new RecordingListener();
    final RescaleExecutor executor;

    /** A fixture whose client waits {@link FakeFlinkServer#PATIENT_CLIENT_TIMEOUT}: no load times its calls out. */
    RescaleFixture(Path dir) {
        this(dir, FakeFlinkServer.PATIENT_CLIENT_TIMEOUT);
    }

    /** A fixture whose client times out after {@code clientTimeout}: {@link FakeFlinkServer#CLIENT_TIMEOUT} for faults. */
    RescaleFixture(Path dir, Duration clientTimeout) {
        this.clientTimeout = clientTimeout;
        db = TestDatabase.open(dir.resolve("state.db"));
        journal = new RescaleJournal(db, time);
        client = clusters.client(server.settings(CLUSTER, HttpAuth.none(), clientTimeout));
        executor = new RescaleExecutor(
                name -> name.equals(CLUSTER) ? Optional.of(client) : Optional.empty(),
                journal,
                listener,
                registry,
                time,
                time);
    }

    /** Settings for tests: the jar by name, a short stabilization period, verify window and back-off. */
    static RescaleSettings settings() {
        return RescaleSettings.DEFAULTS
                .with(
                        RescaleSettings.JAR,
                        Optional.of(new JobJar(
                                new JobJar.UploadedName("orders.jar"), Optional.empty(), List.of("--topic", "orders"))))
                .with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofMinutes(1))
                .with(RescaleSettings.VERIFY_WINDOW, Duration.ofSeconds(30))
                .with(RescaleSettings.RUNNING_TIMEOUT, Duration.ofSeconds(60))
                .with(RescaleSettings.SAVEPOINT_TIMEOUT, Duration.ofSeconds(60))
                .with(RescaleSettings.SUBMIT_BACKOFF, Duration.ofSeconds(2));
    }

    static RescaleRequest heavy(String job, int from, int to, RescaleSettings settings) {
        return new RescaleRequest(
                CLUSTER,
                new JobRef(new JobId(job), "orders"),
                ParallelismChanges.of(new ParallelismChange(new VertexId(FakeFlink.HEAVY), "count-per-key", from, to)),
                settings,
                "count-per-key busy 1000 ms/s",
                Optional.empty());
    }

    /** An executor as a restarted daemon would build it: same journal file, fresh everything else. */
    RescaleExecutor restartedExecutor(RecordingListener events) {
        return new RescaleExecutor(
                name -> Optional.of(new FlinkClusters(new PrometheusRegistry(), time)
                        .client(server.settings(CLUSTER, HttpAuth.none(), clientTimeout))),
                new RescaleJournal(db, time),
                events,
                new PrometheusRegistry(),
                time,
                time);
    }

    double metric(String name, String[] labels, String[] values) {
        return MetricValues.of(registry).value(name, labels, values);
    }

    @Override
    public void close() throws SQLException {
        server.close();
        db.close();
    }
}
