package dev.scalingadvisor.testbed.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalingadvisor.testbed.process.ChildProcess;
import dev.scalingadvisor.testbed.process.Executables;
import dev.scalingadvisor.testbed.process.HttpReadiness;
import dev.scalingadvisor.testbed.process.LoopbackPorts;
import dev.scalingadvisor.testbed.process.ProcessSpec;
import dev.scalingadvisor.testbed.process.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real Prometheus (Debian's {@code prometheus} binary) on a free 127.0.0.1 port with a temporary TSDB,
 * scraping targets that tests can change while it runs, and restartable on the same data and port.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.start(PrometheusOptions.defaults())) {
 *     prometheus.scrape(cluster);                       // follows the cluster's processes
 *     prometheus.queries().awaitAny("flink_jobmanager_numRunningJobs", Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final PrometheusOptions options;
    private final Path dir;
    private final Path dataDir;
    private final Path targetsDir;
    private final int port;
    private final Map<String, List<String>> targetsByJob = new TreeMap<>();
    private ChildProcess process;

    private PrometheusServer(PrometheusOptions options) {
        this.options = options;
        this.dir = TempDirs.create("prometheus");
        this.dataDir = options.dataDir().orElse(dir.resolve("data"));
        this.targetsDir = dir.resolve("targets");
        this.port = LoopbackPorts.free();
    }

    /** Starts Prometheus, backfilling the options' history into its TSDB first; fails with its log if it does not get ready. */
    public static PrometheusServer start(PrometheusOptions options) {
        Path binary = Executables.require("prometheus", "prometheus");
        PrometheusServer server = new PrometheusServer(options);
        try {
            Files.createDirectories(server.targetsDir);
            Files.createDirectories(server.dataDir);
            Files.writeString(server.dir.resolve("prometheus.yml"), server.config());
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Prometheus in " + server.dir, e);
        }
        if (!options.backfill().isEmpty()) {
            Promtool.backfill(options.backfill(), server.dataDir);
        }
        server.launch(binary);
        return server;
    }

    /** Starts again after {@link #stop()}, on the same TSDB, port and targets: "Prometheus comes back". */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        launch(Executables.require("prometheus", "prometheus"));
    }

    private synchronized void launch(Path binary) {
        List<String> command = List.of(
                binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dataDir,
                "--web.listen-address=" + LoopbackPorts.hostPort(port),
                // Backfilled history is years old relative to nothing; the 15 d default would delete it.
                "--storage.tsdb.retention.time=10y",
                "--log.level=info");
        process = ChildProcess.start(ProcessSpec.of("prometheus", dir, command).withStopGrace(Duration.ofSeconds(15)));
        process.awaitReady(
                "readiness on " + baseUrl() + "/-/ready",
                STARTUP_TIMEOUT,
                HttpReadiness.answersOk(baseUrl() + "/-/ready"));
    }

    /** Stops the server (SIGTERM, so the TSDB is closed cleanly) and keeps its data for {@link #start()}. */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** Stops the server and deletes its temp dir (a data dir passed in the options is kept). */
    @Override
    public synchronized void close() {
        stop();
        TempDirs.deleteRecursively(dir);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** E.g. {@code http://127.0.0.1:41234}; the same after a restart. */
    public String baseUrl() {
        return "http://" + LoopbackPorts.hostPort(port);
    }

    public int port() {
        return port;
    }

    public Duration scrapeInterval() {
        return options.scrapeInterval();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return dir.resolve("prometheus.log");
    }

    /** The end of Prometheus' log, for failure messages. */
    public String logExcerpt() {
        return process == null ? "(prometheus never started)" : process.logExcerpt();
    }

    public PrometheusQueries queries() {
        return new PrometheusQueries(baseUrl());
    }

    /**
     * Scrapes exactly these {@code host:port} targets under {@code job="<job>"} from now on (an empty list stops
     * scraping that job). Prometheus notices the rewritten file-SD file within about a second.
     */
    public synchronized void scrape(String job, List<String> targets) {
        targetsByJob.put(job, List.copyOf(targets));
        List<Map<String, Object>> groups = List.of(Map.of("targets", targets, "labels", Map.of("job", job)));
        try {
            TempDirs.writeAtomically(targetsDir.resolve(job + ".json"), JSON.writeValueAsString(groups));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scrapes a changing set of targets (e.g. a Flink cluster's processes), following every change. */
    public void scrape(ScrapeTargetSource source) {
        source.onScrapeTargetsChanged(() -> scrape(source.scrapeJob(), source.scrapeTargets()));
        scrape(source.scrapeJob(), source.scrapeTargets());
    }

    /** Waits until every current target of {@code job} has been scraped successfully ({@code up == 1}). */
    public void awaitTargetsUp(String job, Duration timeout) {
        int expected;
        synchronized (this) {
            expected = targetsByJob.getOrDefault(job, List.of()).size();
        }
        queries()
                .await(
                        "up{job=\"" + job + "\"} == 1",
                        timeout,
                        samples -> samples.size() == expected,
                        expected + " targets of job " + job + " up");
    }

    private String config() {
        long seconds = options.scrapeInterval().toSeconds();
        // One scrape config over a directory of file-SD files, one file per job, each carrying its job label:
        // Prometheus watches the files, so targets change without a reload.
        return """
                global:
                  scrape_interval: %1$ds
                  scrape_timeout: %1$ds
                  evaluation_interval: %1$ds
                scrape_configs:
                  - job_name: testbed
                    file_sd_configs:
                      - files: ['%2$s/*.json']
                        refresh_interval: 5s
                """.formatted(seconds, targetsDir);
    }

    @Override
    public String toString() {
        return "Prometheus[" + baseUrl() + ", data " + dataDir + "]";
    }
}
