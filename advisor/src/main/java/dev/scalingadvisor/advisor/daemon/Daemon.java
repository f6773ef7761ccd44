package dev.scalingadvisor.advisor.daemon;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.advisor.cycle.Advisor;
import dev.scalingadvisor.advisor.http.AdvisorHttpServer;
import dev.scalingadvisor.advisor.http.DecisionsEndpoint;
import dev.scalingadvisor.advisor.http.PausesEndpoint;
import dev.scalingadvisor.advisor.page.StatusPage;
import dev.scalingadvisor.advisor.state.Persistence;
import dev.scalingadvisor.advisor.state.StateDatabase;
import dev.scalingadvisor.advisor.state.StateDirectory;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.core.yaml.InvalidInputException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running advisor: owns the state directory, the HTTP endpoints and the evaluation schedule, reloads
 * its configuration on request (a bad new configuration is reported and the old one stays in force), and
 * stops cleanly within the time systemd and Docker give it.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** A running cycle gets this long to finish on shutdown; the rest of the 10 s budget closes resources. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(6);
    /** {@code GET /api/v1/jobs}: the last cycle's evaluation of every job (rules, phase, decision, findings). */
    public static final String JOBS_PATH = "/api/v1/jobs";

    private final Path configFile;
    private final ConfigLoader loader;
    private final AtomicReference<AdvisorConfig> config;
    private final Readiness readiness;
    private final DaemonMetrics metrics;
    private final StateDirectory stateDirectory;
    private final StateDatabase database;
    private final AtomicReference<AdvisorHttpServer> httpServer = new AtomicReference<>();
    private final EvaluationScheduler scheduler;
    private final Advisor advisor;
    private final Map<String, AdvisorHttpServer.JsonEndpoint> api;
    private final AdvisorHttpServer.Page page;

    private Daemon(
            Path configFile,
            ConfigLoader loader,
            AdvisorConfig initial,
            Readiness readiness,
            DaemonMetrics metrics,
            StateDirectory stateDirectory,
            StateDatabase database,
            EvaluationScheduler scheduler,
            Advisor advisor,
            Map<String, AdvisorHttpServer.JsonEndpoint> api,
            AdvisorHttpServer.Page page) {
        this.configFile = configFile;
        this.loader = loader;
        this.config = new AtomicReference<>(initial);
        this.readiness = readiness;
        this.metrics = metrics;
        this.stateDirectory = stateDirectory;
        this.database = database;
        this.scheduler = scheduler;
        this.advisor = advisor;
        this.api = api;
        this.page = page;
    }

    /**
     * Starts everything, or nothing: when a step fails, what already started is stopped again.
     *
     * @throws StartupException naming the step that failed
     */
    public static Daemon start(Path configFile, ConfigLoader loader, AdvisorConfig config, Clock clock) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Readiness readiness = new Readiness(System::nanoTime);
            DaemonMetrics metrics = new DaemonMetrics(new PrometheusRegistry(), Version.current(), clock);
            StateDirectory stateDirectory = StateDirectory.open(config.state().dir());
            started.push(stateDirectory);
            StateDatabase database = openDatabase(stateDirectory);
            started.push(database);
            Persistence persistence = persistence(database);
            Advisor advisor = Advisor.start(config, persistence, metrics.registry(), clock);
            started.push(advisor);
            readiness.configLoaded();
            logWarnings(config);
            metrics.lastReloadSuccessful.set(1);
            AtomicReference<AdvisorConfig> current = new AtomicReference<>(config);
            Map<String, AdvisorHttpServer.JsonEndpoint> api = Map.of(
                    DecisionsEndpoint.PATH,
                    new DecisionsEndpoint(persistence.history()),
                    JOBS_PATH,
                    request -> new AdvisorHttpServer.JsonEndpoint.Response(200, advisor.lastEvaluationJson()),
                    PausesEndpoint.PATH,
                    new PausesEndpoint(persistence.pauses(), advisor::lastJobs, clock));
            readiness.notesFrom(() -> persistence.pauses().holding(clock.instant()).stream()
                    .map(p -> "paused: " + p.describe() + " (decisions not sent, not carried out)")
                    .toList());
            AdvisorHttpServer.Page page = new StatusPage(advisor, persistence, clock);
            AdvisorHttpServer http = startHttp(config, metrics, readiness, current, api, page);
            started.push(http);
            EvaluationScheduler scheduler =
                    EvaluationScheduler.start(config.evaluation().interval(), () -> advisor, readiness, metrics, clock);
            Daemon daemon = new Daemon(
                    configFile,
                    loader,
                    config,
                    readiness,
                    metrics,
                    stateDirectory,
                    database,
                    scheduler,
                    advisor,
                    api,
                    page);
            daemon.httpServer.set(http);
            LOG.info(
                    "scaling advisor {} started: {}; http=http://{}:{}",
                    Version.current(),
                    summary(config),
                    http.address().getHostString(),
                    http.address().getPort());
            return daemon;
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** Counts a rejected reload and says why; the previous configuration stays in force. */
    private void reloadFailed(String format, Object... arguments) {
        metrics.reloads.labelValues("failure").inc();
        metrics.lastReloadSuccessful.set(0);
        LOG.error(format, arguments);
    }

    /**
     * Reads the configuration file again; keeps the current configuration when the new one is invalid or cannot be
     * read for any reason. Reloads run one at a time: a burst of SIGHUPs applies each file once, in order.
     */
    public synchronized void reload() {
        AdvisorConfig next;
        try {
            next = loader.load(configFile);
        } catch (InvalidInputException e) {
            reloadFailed(
                    "configuration reload failed; the previous configuration stays in force. Problems in {}:\n{}",
                    configFile,
                    e.getMessage());
            return;
        } catch (RuntimeException e) {
            // A bug or an input the loader did not foresee must not end the signal's thread or the daemon.
            reloadFailed(
                    "configuration reload failed; the previous configuration stays in force: reading {} failed: {}",
                    configFile,
                    e.toString());
            return;
        }
        AdvisorConfig previous = config.get();
        if (!next.state().dir().equals(previous.state().dir())) {
            LOG.warn(
                    "state.dir changed from {} to {}; that takes a restart, the advisor keeps using {}",
                    previous.state().dir(),
                    next.state().dir(),
                    previous.state().dir());
        }
        try {
            if (!next.http().bind().equals(previous.http().bind())
                    || next.http().port() != previous.http().port()) {
                AdvisorHttpServer replacement = startHttp(next, metrics, readiness, config, api, page);
                httpServer.getAndSet(replacement).close();
            }
            advisor.reconfigure(next);
            scheduler.reschedule(next.evaluation().interval());
            httpServer.get().useApiToken(next.http().apiToken());
        } catch (InvalidInputException e) {
            reloadFailed(
                    "configuration reload failed; the previous configuration stays in force. Problems in its rule packs:\n{}",
                    e.getMessage());
            return;
        } catch (RuntimeException e) {
            reloadFailed(
                    "configuration reload failed while applying it; the previous configuration stays in force: {}",
                    e.getMessage());
            return;
        }
        config.set(next);
        metrics.reloads.labelValues("success").inc();
        metrics.lastReloadSuccessful.set(1);
        LOG.info("configuration reloaded from {}: {}", configFile, summary(next));
        logWarnings(next);
    }

    public AdvisorHttpServer httpServer() {
        return httpServer.get();
    }

    /** Stops the schedule (a running cycle gets a few seconds), then the HTTP server, the database and the lock. */
    @Override
    public void close() {
        LOG.info("stopping");
        scheduler.stop(SHUTDOWN_GRACE);
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        resources.push(stateDirectory);
        resources.push(database);
        resources.push(httpServer.get());
        resources.push(advisor);
        closeAll(resources);
        LOG.info("stopped");
    }

    private static StateDatabase openDatabase(StateDirectory stateDirectory) {
        try {
            return StateDatabase.open(stateDirectory.database());
        } catch (SQLException e) {
            throw new StartupException(
                    "cannot open the state database " + stateDirectory.database() + ": " + e.getMessage(), e);
        }
    }

    private static Persistence persistence(StateDatabase database) {
        try {
            return Persistence.open(database);
        } catch (SQLException e) {
            throw new StartupException(
                    "cannot open the decision history and pauses in " + database.file() + ": " + e.getMessage(), e);
        }
    }

    private static AdvisorHttpServer startHttp(
            AdvisorConfig config,
            DaemonMetrics metrics,
            Readiness readiness,
            AtomicReference<AdvisorConfig> current,
            Map<String, AdvisorHttpServer.JsonEndpoint> api,
            AdvisorHttpServer.Page page) {
        try {
            return AdvisorHttpServer.start(
                    config.http(),
                    metrics.registry(),
                    readiness,
                    () -> stuckLimit(current.get()),
                    api,
                    Optional.of(page));
        } catch (IOException e) {
            throw new StartupException(
                    "cannot serve HTTP on " + config.http().bind() + ":"
                            + config.http().port() + ": " + e.getMessage() + " (set http.bind / http.port)",
                    e);
        }
    }

    /**
     * A cycle running, or no cycle ending, for ten intervals and at least five minutes means the evaluation loop is
     * stuck: {@code /healthz} fails, so a supervisor restarts the daemon.
     */
    private static Duration stuckLimit(AdvisorConfig config) {
        Duration tenIntervals = config.evaluation().interval().multipliedBy(10);
        return tenIntervals.compareTo(Duration.ofMinutes(5)) > 0 ? tenIntervals : Duration.ofMinutes(5);
    }

    private static String summary(AdvisorConfig config) {
        return "mode=" + Spelling.of(config.defaults().mode())
                + " prometheus=" + config.prometheus().displayUrl()
                + " interval=" + PrometheusDurations.format(config.evaluation().interval())
                + " rulePacks=" + config.rules().packs().size()
                + " jobOverrides=" + config.jobs().size()
                + " flinkClusters=" + config.flinkClusters().size()
                + " notifiers=["
                + config.notifiers().stream()
                        .map(n -> n.name() + " " + Spelling.of(n.type()) + " " + n.displayDestination())
                        .collect(Collectors.joining(", "))
                + "]"
                + " stateDir=" + config.state().dir();
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("could not close {} cleanly: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    private static void logWarnings(AdvisorConfig loaded) {
        loaded.warnings().forEach(w -> LOG.warn("configuration: {}", w));
    }
}
