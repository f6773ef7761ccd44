package dev.scalingadvisor.actions.it;

import dev.scalingadvisor.actions.fake.TestDatabase;
import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.actions.flink.FlinkClusters;
import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleExecutor;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.Sleeper;
import dev.scalingadvisor.actions.rescale.request.JobJar;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The executor in a JVM of its own, as the daemon runs it, so a test can SIGKILL it mid-rescale.
 * {@code rescale <request.properties>} rescales and, once the savepoint is journaled, writes the marker file
 * and hangs there (the moment between savepoint and resubmission); {@code recover <request.properties>}
 * runs recovery on the same journal and exits 0 if every recovered rescale succeeded.
 */
public final class RescaleProcess {

    private RescaleProcess() {}

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            p.load(in);
        }
        URI url = URI.create(p.getProperty("restUrl"));
        FlinkClusterSettings cluster =
                new FlinkClusterSettings(RealRescale.CLUSTER, HttpEndpoint.open(url, Duration.ofSeconds(10)), url);
        FlinkRestClient client = new FlinkClusters(new PrometheusRegistry(), Clock.systemUTC()).client(cluster);
        Path marker = Path.of(p.getProperty("marker"));
        try (Connection db = TestDatabase.open(Path.of(p.getProperty("db")))) {
            RescaleExecutor executor = new RescaleExecutor(
                    name -> Optional.of(client),
                    new RescaleJournal(db, Clock.systemUTC()),
                    event -> onEvent(event, args[0], marker),
                    new PrometheusRegistry(),
                    Clock.systemUTC(),
                    Sleeper.system());
            if (args[0].equals("rescale")) {
                RescaleSettings settings = RescaleSettings.DEFAULTS
                        .with(
                                RescaleSettings.JAR,
                                Optional.of(new JobJar(
                                        new JobJar.UploadedName(p.getProperty("jarName")),
                                        Optional.empty(),
                                        Arrays.asList(
                                                p.getProperty("programArgs").split("\u001f")))))
                        .with(RescaleSettings.STABILIZATION_PERIOD, Duration.ofSeconds(2))
                        .with(RescaleSettings.VERIFY_WINDOW, Duration.ofSeconds(10))
                        .with(RescaleSettings.POLL_INTERVAL, Duration.ofMillis(250))
                        .with(RescaleSettings.RUNNING_TIMEOUT, Duration.ofSeconds(120))
                        .with(RescaleSettings.SAVEPOINT_TIMEOUT, Duration.ofSeconds(120));
                RescaleOutcome outcome = executor.execute(new RescaleRequest(
                        RealRescale.CLUSTER,
                        new JobRef(new JobId(p.getProperty("job")), p.getProperty("jobName")),
                        ParallelismChanges.of(new ParallelismChange(
                                new VertexId(p.getProperty("vertex")),
                                LoadJob.HEAVY_OPERATOR,
                                Integer.parseInt(p.getProperty("from")),
                                Integer.parseInt(p.getProperty("to")))),
                        settings,
                        "crash test",
                        Optional.empty()));
                System.out.println("[rescale-process] outcome " + outcome);
                System.exit(2);
            }
            List<RescaleOutcome> outcomes = executor.recover();
            outcomes.forEach(o -> System.out.println("[rescale-process] recovered " + o));
            boolean succeeded =
                    !outcomes.isEmpty() && outcomes.stream().allMatch(o -> o instanceof RescaleOutcome.Succeeded);
            System.exit(succeeded ? 0 : 1);
        }
    }

    private static void onEvent(RescaleEvent event, String mode, Path marker) {
        System.out.println("[rescale-process] " + event.kind().historyName());
        if (mode.equals("rescale") && event instanceof RescaleEvent.SavepointTaken taken) {
            try {
                Files.writeString(marker, taken.location());
                // Hang between the journaled savepoint and the resubmission until the test kills this JVM.
                Thread.sleep(Long.MAX_VALUE);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
