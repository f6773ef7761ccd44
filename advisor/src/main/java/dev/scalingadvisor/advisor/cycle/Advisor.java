package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.flink.FlinkClusters;
import dev.scalingadvisor.actions.rescale.RescaleExecutor;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.actions.rescale.Sleeper;
import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.state.Persistence;
import dev.scalingadvisor.alerting.delivery.NotificationMetrics;
import dev.scalingadvisor.alerting.delivery.Notifications;
import dev.scalingadvisor.alerting.noise.NotificationLog;
import dev.scalingadvisor.alerting.noise.SqlNotificationLog;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.EngineStateJson;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The advisor at work: the parts that live as long as the daemon (the state stores, Flink clients and
 * their circuit breakers, the rescale executor and its journal, the notifications' dedup log) and the
 * parts a configuration reload replaces (rule pack, Prometheus client, engine, notifiers). The daemon's
 * scheduler runs {@link #run} every interval.
 */
public final class Advisor implements EvaluationCycle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Advisor.class);
    static final String ENGINE_STATE = "engine-state";
    private static final Duration NOTIFICATION_DRAIN = Duration.ofSeconds(2);
    /**
     * How long the notifiers a reload replaced go on delivering what was published to them: a full queue (100) to
     * Slack at its one message a second, with retries, backoff and a receiver's Retry-After.
     */
    static final Duration RELOAD_DRAIN = Duration.ofMinutes(5);

    private final Persistence persistence;
    private final Clock clock;
    private final FlinkClusters flinkClusters;
    private final RescaleJournal journal;
    private final RescaleWorker worker;
    private final NotificationMetrics notificationMetrics;
    private final NotificationLog notificationLog;
    private final AtomicReference<Configured> current = new AtomicReference<>();
    /** Notifier sets a reload replaced that may still be delivering. */
    private final List<Notifications> retired = new CopyOnWriteArrayList<>();

    private final AdvisorCycle cycle;
    /** The guard that blocked each job's last refused rescale, so a refusal repeated every cycle is one history row. */
    private final Map<String, String> lastRefusal = new ConcurrentHashMap<>();

    private volatile boolean closing;

    /** What one configuration brings: replaced as a whole by a reload. */
    record Configured(AdvisorConfig config, ScalingEvaluator engine, Notifications notifications, EventMapper events) {}

    private Advisor(
            AdvisorConfig config, RulePack pack, Persistence persistence, PrometheusRegistry registry, Clock clock)
            throws SQLException {
        this.persistence = persistence;
        this.clock = clock;
        this.flinkClusters = new FlinkClusters(registry, clock);
        this.journal = new RescaleJournal(persistence.database().connection(), clock);
        RescaleExecutor executor = new RescaleExecutor(
                name -> current.get().config().cluster(name).map(flinkClusters::client),
                journal,
                new RescaleReporter(persistence, current::get, () -> closing),
                registry,
                clock,
                Sleeper.system());
        this.worker = new RescaleWorker(executor, System::nanoTime, RescaleWorker.Retries.STANDARD);
        this.notificationMetrics = NotificationMetrics.register(registry);
        this.notificationLog = new SqlNotificationLog(persistence.database().connection());
        this.current.set(configure(config, pack));
        this.cycle = new AdvisorCycle(
                current::get,
                new FlinkViewReader(flinkClusters, Optional.of(journal)),
                worker,
                persistence,
                new AdvisorMetrics(registry),
                new JobSeries(
                        registry,
                        () -> persistence.pauses().holding(clock.instant()).size()),
                restoredState(),
                new WallClockSteps(clock, System::nanoTime));
    }

    /**
     * Starts the advisor for a configuration whose rule packs load, and resumes unfinished rescales.
     *
     * @throws dev.scalingadvisor.core.yaml.InvalidInputException when a rule pack is invalid
     */
    public static Advisor start(
            AdvisorConfig config, Persistence persistence, PrometheusRegistry registry, Clock clock) {
        RulePack pack = RulePackLoader.load(config.rules().packs());
        try {
            Advisor advisor = new Advisor(config, pack, persistence, registry, clock);
            advisor.worker.start();
            return advisor;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot open the advisor's tables in "
                            + persistence.database().file() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Applies a reloaded configuration from the next cycle on. Rule timers, cooldowns and running rescales
     * carry over.
     *
     * @throws dev.scalingadvisor.core.yaml.InvalidInputException when a rule pack is invalid; nothing changes then
     */
    public void reconfigure(AdvisorConfig next) {
        RulePack pack = RulePackLoader.load(next.rules().packs());
        Configured previous = current.getAndSet(configure(next, pack));
        // Delivered in the background rather than dropped after a short wait: a reload (a SIGHUP burst) is quick
        // whatever the receivers do, and what was published before it still reaches them.
        retired.removeIf(Notifications::isStopped);
        retired.add(previous.notifications());
        previous.notifications().retire(RELOAD_DRAIN);
    }

    @Override
    public CycleHealth run(Instant scheduledAt) {
        return cycle.run(scheduledAt);
    }

    /** The last cycle's evaluation of every job, as JSON ({@code /api/v1/jobs}). */
    public String lastEvaluationJson() {
        return cycle.lastEvaluationJson();
    }

    /** The jobs the last cycle evaluated. */
    public List<JobRef> lastJobs() {
        return cycle.lastJobs();
    }

    /**
     * What the last cycle saw: each job's evaluation, cluster, mode and whether a rescale of it is under way, and
     * the problems; empty before the first cycle.
     */
    public Optional<TellOnce.Seen> lastSeen() {
        return cycle.lastSeen();
    }

    /** The configuration in force. */
    public AdvisorConfig config() {
        return current.get().config();
    }

    /** The engine of the configuration in force: the one each cycle steps, for replays of recent history. */
    public ScalingEvaluator engine() {
        return current.get().engine();
    }

    /** Stops rescales (the journal resumes them at the next start) and delivers what notifications it can. */
    @Override
    public void close() {
        closing = true;
        worker.close();
        current.get().notifications().close(NOTIFICATION_DRAIN);
        retired.forEach(notifications -> notifications.close(NOTIFICATION_DRAIN));
    }

    private Configured configure(AdvisorConfig config, RulePack pack) {
        ScalingEvaluator engine =
                new ScalingEvaluator(PrometheusClient.create(config.prometheus()), pack, config.evaluatorSettings());
        Notifications notifications =
                Notifications.start(config.notifiers(), notificationLog, notificationMetrics, clock);
        return new Configured(config, engine, notifications, new EventMapper(config));
    }

    private EngineState restoredState() {
        try {
            return persistence
                    .snapshots()
                    .load(ENGINE_STATE)
                    .map(EngineStateJson::read)
                    .orElse(EngineState.EMPTY);
        } catch (SQLException | IllegalArgumentException e) {
            LOG.warn("cannot read the saved rule state ({}); starting from Prometheus history alone", e.getMessage());
            return EngineState.EMPTY;
        }
    }
}
