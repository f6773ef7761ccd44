package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.CheckpointStats;
import dev.scalingadvisor.actions.flink.ClusterOverview;
import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.FlinkRestException;
import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobScheduler;
import dev.scalingadvisor.actions.flink.RestCall;
import dev.scalingadvisor.actions.rescale.guard.Bookkeeping;
import dev.scalingadvisor.actions.rescale.guard.PreflightFacts;
import dev.scalingadvisor.actions.rescale.guard.PreflightGuards;
import dev.scalingadvisor.actions.rescale.guard.Refusal;
import dev.scalingadvisor.actions.rescale.guard.TargetResolution;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.concurrent.DaemonThreads;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarded rescale executor: checks a request against every pre-flight guard, picks the strategy (in
 * place on the adaptive scheduler, savepoint-redeploy otherwise, or as configured), journals the plan and
 * carries it out, telling the listener each step's outcome. {@link #resume} takes up an operation the journal
 * holds open (after a crash, or after a fault left it unfinished) until it ends. {@link #execute} blocks for the whole rescale (minutes: savepoint, restart, verify window),
 * so the daemon calls it from a worker thread; several may run at once within {@code maxConcurrentPerCluster}.
 *
 * <pre>{@code
 * RescaleExecutor executor = new RescaleExecutor(name -> config.cluster(name).map(flinkClusters::client),
 *         new RescaleJournal(stateDatabase.connection(), clock), listener, registry, clock, Sleeper.system());
 * executor.waitingToResume().forEach(e -> executor.resume(e.id(), true));   // on start, and again with backoff
 * RescaleOutcome outcome = executor.execute(request);   // on a decision in act mode
 * }</pre>
 */
public final class RescaleExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RescaleExecutor.class);
    private static final Duration BUDGET_WINDOW = Duration.ofHours(1);

    private final ClusterClients clients;
    private final RescaleJournal journal;
    private final RescaleListener listener;
    private final RescaleMetrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PreflightGuards guards;
    private final Map<RescaleStrategy, Rescaler> rescalers = Map.of(
            RescaleStrategy.IN_PLACE, new InPlaceRescale(),
            RescaleStrategy.SAVEPOINT_REDEPLOY, new SavepointRedeploy());

    /**
     * Threads for the pre-flight reads that go out together, and for telling a rescale's start while Flink is asked;
     * idle ones end after a minute.
     */
    private final ExecutorService reads = Executors.newCachedThreadPool(DaemonThreads.named("rescale-preflight"));

    /** Per job id the cycle still sees, the JobManager configuration it runs with (it does not change). */
    private final Map<JobId, Map<String, String>> jobManagerConfigs = new ConcurrentHashMap<>();
    /** Jobs warmed up (or being warmed up) in this process: each once, whatever the outcome. */
    private final Set<JobId> warmed = ConcurrentHashMap.newKeySet();
    /** Operations running in this process, so guards and recovery see them before (and after) the journal does. */
    private final Map<OperationId, Reservation> running = new HashMap<>();

    public RescaleExecutor(
            ClusterClients clients,
            RescaleJournal journal,
            RescaleListener listener,
            PrometheusRegistry registry,
            Clock clock,
            Sleeper sleeper) {
        this(clients, journal, listener, registry, clock, sleeper, PreflightGuards.standard());
    }

    public RescaleExecutor(
            ClusterClients clients,
            RescaleJournal journal,
            RescaleListener listener,
            PrometheusRegistry registry,
            Clock clock,
            Sleeper sleeper,
            PreflightGuards guards) {
        this.clients = clients;
        this.journal = journal;
        this.listener = listener;
        this.metrics = new RescaleMetrics(registry);
        this.clock = clock;
        this.sleeper = sleeper;
        this.guards = guards;
        // The first random UUID seeds its SecureRandom, 13-20 ms on the testbed: paid here, at start, rather than
        // between the first decision and Flink.
        OperationId.random();
    }

    /** Rescales one job as {@code request} asks, if every guard agrees; blocks until the rescale has ended. */
    public RescaleOutcome execute(RescaleRequest request) {
        Optional<FlinkRestClient> client = clients.forCluster(request.cluster());
        if (client.isEmpty()) {
            return finish(
                    request.cluster(),
                    blocked(
                            RescaleSubject.of(request),
                            new Refusal(
                                    PreflightGuard.FLINK_UNAVAILABLE,
                                    "no Flink cluster named " + request.cluster() + " is configured")));
        }
        OperationId id = OperationId.random();
        Optional<Refusal> refusal = reserve(id, request, client.get());
        if (refusal.isPresent()) {
            return finish(request.cluster(), blocked(RescaleSubject.of(request), refusal.get()));
        }
        metrics.started(request.cluster());
        try {
            return finish(request.cluster(), run(id, request, client.get()));
        } finally {
            release(id);
            metrics.ended(request.cluster());
            refreshLeftStoppedQuietly();
        }
    }

    /**
     * Resumes or rolls back every operation the journal holds open (and that is not running in this process),
     * from the state it recorded. Blocks until each has ended again, or is still open after this attempt.
     */
    public List<RescaleOutcome> recover() {
        List<RescaleOutcome> outcomes = new ArrayList<>();
        for (JournalEntry entry : journal.open()) {
            resume(entry.id(), true).ifPresent(outcomes::add);
        }
        return outcomes;
    }

    /**
     * Takes up one open operation again from the state the journal recorded, unless it is running in this process
     * or no longer open: the daemon calls it for every open operation, with backoff, until the operation ends.
     * Blocks for the attempt.
     *
     * @param announce whether to tell the listener that the operation is resumed (the first attempt does; retries of
     *     an operation that stays open do not repeat it)
     * @return the attempt's outcome; empty when nothing was attempted
     */
    public Optional<RescaleOutcome> resume(OperationId id, boolean announce) {
        Optional<JournalEntry> open = journal.entry(id).filter(e -> !e.state().isClosed());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        JournalEntry entry = open.get();
        ClusterName cluster = entry.plan().cluster();
        synchronized (running) {
            if (running.containsKey(id)) {
                return Optional.empty();
            }
            running.put(id, new Reservation(cluster, entry.plan().job().name(), true));
        }
        metrics.started(cluster);
        try {
            return Optional.of(finish(cluster, resume(entry, announce)));
        } finally {
            release(id);
            metrics.ended(cluster);
            refreshLeftStoppedQuietly();
        }
    }

    /** Open operations not running in this process, oldest first: what the daemon retries. */
    public List<JournalEntry> waitingToResume() {
        synchronized (running) {
            return journal.open().stream()
                    .filter(e -> !running.containsKey(e.id()))
                    .toList();
        }
    }

    /**
     * Counts, per cluster, the jobs an open operation may have left stopped: waiting to be taken up again, or being
     * taken up again right now, but not a rescale carried out for the first time ({@code scaling_advisor_jobs_left_stopped}, {@code scaling_advisor_job_left_stopped}).
     *
     * @return those operations
     */
    public List<JournalEntry> refreshLeftStopped() {
        List<JournalEntry> stopped;
        synchronized (running) {
            // A rescale this process is carrying out for the first time stops its job on purpose, for seconds; an
            // operation taken up again (after a fault or a crash) had its job stopped before, and still does.
            stopped = journal.open().stream()
                    .filter(e -> e.state().mayLeaveJobStopped())
                    .filter(e ->
                            !running.containsKey(e.id()) || running.get(e.id()).resuming())
                    .toList();
        }
        metrics.leftStopped(stopped);
        return stopped;
    }

    /** Open operations the journal could not read: each keeps its cluster from rescaling until it is repaired. */
    public List<RescaleJournal.Unreadable> unreadableOperations() {
        return journal.unreadableOpen();
    }

    /** The count is best effort: a journal that cannot be read now must not turn an outcome into an exception. */
    private void refreshLeftStoppedQuietly() {
        try {
            refreshLeftStopped();
        } catch (RuntimeException e) {
            LOG.warn("could not count the jobs left stopped: {}", e.getMessage());
        }
    }

    private RescaleOutcome run(OperationId id, RescaleRequest request, FlinkRestClient client) {
        RescaleSubject subject = RescaleSubject.of(request);
        // What "decision → first request" is made of: the wait for Flink's answers and the advisor's own work.
        Instant handedOver = clock.instant();
        PreflightFacts facts;
        try {
            facts = readFacts(request, client);
        } catch (FlinkRestException e) {
            if (e instanceof FlinkRestException.ErrorResponse error && error.isNotFound()) {
                return blocked(
                        subject,
                        new Refusal(
                                PreflightGuard.JOB_NOT_RUNNING,
                                "cluster " + request.cluster() + " does not know job "
                                        + request.job().id()));
            }
            return blocked(
                    subject,
                    new Refusal(
                            PreflightGuard.FLINK_UNAVAILABLE,
                            "could not read job " + request.job().id() + " from Flink: " + e.getMessage()));
        }
        Duration waitedOnFlink = Duration.between(handedOver, clock.instant());
        Optional<Refusal> refusal = guards.check(facts);
        if (refusal.isPresent()) {
            return blocked(subject, refusal.get());
        }
        RescaleStrategy strategy = choose(request.settings().strategy(), facts.scheduler());
        RescaleSubject withStrategy = subject.withStrategy(strategy);
        Rescaler rescaler = rescalers.get(strategy);
        Rescaler.Preparation preparation;
        Instant preparing = clock.instant();
        try {
            preparation = rescaler.prepare(facts, client);
        } catch (FlinkRestException e) {
            return blocked(
                    withStrategy,
                    new Refusal(PreflightGuard.FLINK_UNAVAILABLE, "could not prepare the rescale: " + e.getMessage()));
        }
        if (preparation instanceof Rescaler.Preparation.Refused refused) {
            return blocked(withStrategy, refused.refusal());
        }
        waitedOnFlink = waitedOnFlink.plus(Duration.between(preparing, clock.instant()));
        RescalePlan plan = new RescalePlan(
                id,
                request.cluster(),
                request.job(),
                request.reason(),
                strategy,
                facts.vertices(),
                ((Rescaler.Preparation.Ready) preparation).jar(),
                request.settings().savepointDir(),
                RescalePlan.Limits.of(request.settings()));
        if (request.settings().dryRun()) {
            return dryRun(plan, rescaler, client, withStrategy);
        }
        journal.begin(plan);
        RescaleRun run =
                new RescaleRun(plan, client, journal, new Waiting(clock, sleeper), listener, request.context());
        run.announce(
                new RescaleEvent.Started(
                        run.subject(), clock.instant(), plan.vertices().changed()),
                reads);
        Duration preflight = Duration.between(handedOver, clock.instant());
        LOG.info(
                "rescale started cluster={} job={} name={} operation={} strategy={} changes=\"{}\" reason=\"{}\""
                        + " preflight_ms={} waited_on_flink_ms={}",
                plan.cluster(),
                plan.job().id(),
                plan.job().name(),
                plan.id(),
                RescaleMetrics.label(strategy),
                plan.vertices().changed(),
                plan.reason(),
                preflight.toMillis(),
                waitedOnFlink.toMillis());
        return carryOut(run, () -> rescaler.execute(run));
    }

    private RescaleOutcome resume(JournalEntry entry, boolean announce) {
        RescalePlan plan = entry.plan();
        RescaleSubject subject = RescaleSubject.of(plan, Optional.empty());
        LOG.warn(
                "rescale resumed cluster={} job={} name={} operation={} state={} savepoint={}",
                plan.cluster(),
                plan.job().id(),
                plan.job().name(),
                plan.id(),
                entry.state(),
                entry.savepointPath().orElse("none"));
        if (announce) {
            try {
                listener.on(new RescaleEvent.Resumed(subject, clock.instant(), entry.state()));
            } catch (RuntimeException e) {
                LOG.error("rescale listener failed on the resumption of operation {}", plan.id(), e);
            }
        }
        if (entry.state() == OperationState.STARTED) {
            // Nothing on any cluster changed yet, whichever the strategy: close it without asking Flink.
            String reason = "the advisor stopped before the rescale touched the job";
            journal.finish(plan.id(), OperationState.ABORTED, "aborted", reason);
            return new RescaleOutcome.Aborted(subject, clock.instant(), reason, entry.timings());
        }
        Optional<FlinkRestClient> client = clients.forCluster(plan.cluster());
        if (client.isEmpty()) {
            return new RescaleOutcome.Failed(
                    subject,
                    clock.instant(),
                    "cannot resume operation " + plan.id() + " in state " + entry.state() + ": cluster "
                            + plan.cluster() + " is no longer configured; the advisor tries again while it stays open",
                    Optional.of(plan.job().id()),
                    entry.savepointPath(),
                    true,
                    entry.timings());
        }
        RescaleRun run =
                new RescaleRun(plan, client.get(), journal, new Waiting(clock, sleeper), listener, Optional.empty());
        return carryOut(run, () -> rescalers.get(plan.strategy()).resume(run, entry));
    }

    /**
     * Runs a strategy; an interruption or a bug leaves the journal as it is, for recovery, and says so. The outcome is
     * told after the run's first event.
     */
    private RescaleOutcome carryOut(RescaleRun run, Work work) {
        try {
            return work.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return openEnded(
                    run,
                    "the advisor was interrupted (shutting down?) during the rescale; the journal keeps the operation open and the advisor resumes it");
        } catch (RuntimeException e) {
            LOG.error("rescale operation={} failed unexpectedly; the journal keeps it open for recovery", run.id(), e);
            return openEnded(
                    run,
                    "the rescale failed unexpectedly (" + e
                            + "); the journal keeps the operation open and the advisor retries it");
        } finally {
            run.awaitAnnounced();
        }
    }

    private RescaleOutcome openEnded(RescaleRun run, String reason) {
        StepTimings timings = StepTimings.none();
        Optional<String> savepoint = Optional.empty();
        try {
            JournalEntry entry = run.entry();
            timings = entry.timings();
            savepoint = entry.savepointPath();
        } catch (RuntimeException e) {
            LOG.error("rescale operation={}: the journal cannot be read either", run.id(), e);
        }
        return new RescaleOutcome.Failed(
                run.subject(),
                clock.instant(),
                reason,
                Optional.of(run.plan().job().id()),
                savepoint,
                true,
                timings);
    }

    private RescaleOutcome dryRun(RescalePlan plan, Rescaler rescaler, FlinkRestClient client, RescaleSubject subject) {
        List<RestCall> calls;
        try {
            calls = rescaler.dryRun(plan, client);
        } catch (FlinkRestException e) {
            return blocked(
                    subject,
                    new Refusal(PreflightGuard.FLINK_UNAVAILABLE, "could not prepare the dry run: " + e.getMessage()));
        }
        for (RestCall call : calls) {
            LOG.info(
                    "dry-run cluster={} job={} name={} would call: {}",
                    plan.cluster(),
                    plan.job().id(),
                    plan.job().name(),
                    call);
        }
        return new RescaleOutcome.DryRun(
                subject, clock.instant(), plan.vertices().changed(), calls);
    }

    /**
     * Makes the job's first rescale as quick as its later ones: reads, once per job id and in the background,
     * what a first pre-flight would otherwise wait for — the JobManager configuration (kept, as the pre-flight
     * keeps it) — with the pre-flight's other reads alongside, so that their threads, pooled connections and
     * answer parsers are ready and the decision reaches Flink one warm round trip after it was made. Those other
     * answers are dropped: the guards need them fresh. Never throws and never waits; a read that fails is
     * simply made again by the rescale.
     *
     * @return done when the reads have ended, however they ended
     */
    public CompletableFuture<Void> warmUp(ClusterName cluster, JobId job) {
        Optional<FlinkRestClient> client = clients.forCluster(cluster);
        if (client.isEmpty() || jobManagerConfigs.containsKey(job) || !warmed.add(job)) {
            return CompletableFuture.completedFuture(null);
        }
        FlinkRestClient flink = client.get();
        try {
            return CompletableFuture.allOf(
                            read(() -> flink.jobManagerConfig(job)).thenAccept(config -> cacheConfig(job, config)),
                            read(() -> flink.checkpoints(job)),
                            read(() -> flink.job(job)),
                            read(flink::clusterOverview))
                    .handle((done, failed) -> null);
        } catch (RejectedExecutionException e) {
            // Shutting down: nothing to prepare for.
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * The guards' facts, read at once: the four reads do not depend on each other, so they go out together and
     * the decision reaches Flink one round trip after it was made, not four. The JobManager configuration a job
     * runs with does not change while it runs, so it is read once per job id.
     */
    private PreflightFacts readFacts(RescaleRequest request, FlinkRestClient client) {
        JobId id = request.job().id();
        CompletableFuture<JobDetails> jobRead = read(() -> client.job(id));
        CompletableFuture<Optional<CheckpointStats>> checkpointsRead = read(() -> client.checkpoints(id));
        CompletableFuture<ClusterOverview> clusterRead = read(client::clusterOverview);
        Map<String, String> cached = jobManagerConfigs.get(id);
        CompletableFuture<Map<String, String>> configRead =
                cached != null ? CompletableFuture.completedFuture(cached) : read(() -> client.jobManagerConfig(id));
        JobDetails job = join(jobRead);
        Optional<CheckpointStats> checkpoints = join(checkpointsRead);
        ClusterOverview cluster = join(clusterRead);
        Map<String, String> config = join(configRead);
        cacheConfig(id, config);
        PreflightFacts facts =
                PreflightFacts.of(request, job, checkpoints, cluster, JobScheduler.of(config, job.jobType()), config);
        if (facts.resolution() instanceof TargetResolution.Resolved
                && facts.extraSlotsNeeded() > cluster.slotsAvailable()) {
            // Only then count the job's own slots: one call per TaskManager.
            facts = facts.withSlotsHeld(client.slotsAllocatedTo(request.job().id()));
        }
        return facts;
    }

    private void cacheConfig(JobId id, Map<String, String> config) {
        jobManagerConfigs.put(id, config);
    }

    /**
     * Forgets what was prepared for every job but {@code seen} (jobs that ended, or got a new id from a
     * savepoint-redeploy), so the caches stay the size of the fleet. Clearing them past a fixed size instead made a
     * fleet larger than that size warm every job up again, four calls each, every cycle.
     */
    public void keepPreparedOnly(Set<JobId> seen) {
        warmed.retainAll(seen);
        jobManagerConfigs.keySet().retainAll(seen);
    }

    private <T> CompletableFuture<T> read(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, reads);
    }

    /** The read's answer, or the {@link FlinkRestException} it failed with, as if it had been made on this thread. */
    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static RescaleStrategy choose(RescaleStrategy configured, JobScheduler scheduler) {
        if (configured != RescaleStrategy.AUTO) {
            return configured;
        }
        return scheduler.rescalesInPlace() ? RescaleStrategy.IN_PLACE : RescaleStrategy.SAVEPOINT_REDEPLOY;
    }

    /** The bookkeeping guards and the reservation, under one lock so two requests cannot both pass them. */
    private Optional<Refusal> reserve(OperationId id, RescaleRequest request, FlinkRestClient client) {
        synchronized (running) {
            Map<OperationId, Reservation> open = new LinkedHashMap<>(running);
            for (JournalEntry entry : journal.open()) {
                open.putIfAbsent(
                        entry.id(),
                        new Reservation(
                                entry.plan().cluster(), entry.plan().job().name(), true));
            }
            Optional<RescaleJournal.Unreadable> damaged = journal.unreadableOpen().stream()
                    .filter(u -> u.cluster().equals(request.cluster().value()))
                    .findFirst();
            if (damaged.isPresent()) {
                return Optional.of(
                        new Refusal(PreflightGuard.CONCURRENCY, damaged.get().describe()));
            }
            int onCluster = (int) open.values().stream()
                    .filter(r -> r.cluster().equals(request.cluster()))
                    .count();
            boolean jobBusy = open.values().stream()
                    .anyMatch(r -> r.cluster().equals(request.cluster())
                            && r.jobName().equals(request.job().name()));
            int started = journal.startedSince(
                    request.cluster(), request.job().name(), clock.instant().minus(BUDGET_WINDOW));
            Optional<Refusal> refusal = guards.check(new Bookkeeping(
                    request, clock.instant(), client.circuitBreaker().getState(), onCluster, jobBusy, started));
            if (refusal.isEmpty()) {
                running.put(id, new Reservation(request.cluster(), request.job().name(), false));
            }
            return refusal;
        }
    }

    private void release(OperationId id) {
        synchronized (running) {
            running.remove(id);
        }
    }

    private RescaleOutcome.Blocked blocked(RescaleSubject subject, Refusal refusal) {
        return new RescaleOutcome.Blocked(subject, clock.instant(), refusal.guard(), refusal.reason());
    }

    /** Tells the listener, counts and logs the outcome: one line per rescale, in the daemon's key=value style. */
    private RescaleOutcome finish(ClusterName cluster, RescaleOutcome outcome) {
        try {
            listener.on(outcome);
        } catch (RuntimeException e) {
            LOG.error("rescale listener failed on {}", outcome.kind(), e);
        }
        metrics.outcome(cluster, outcome);
        RescaleLog.write(outcome);
        return outcome;
    }

    /** One strategy call that may wait. */
    @FunctionalInterface
    private interface Work {
        RescaleOutcome run() throws InterruptedException;
    }

    /** @param resuming an open operation taken up again (its job may be stopped since before this attempt) */
    private record Reservation(ClusterName cluster, String jobName, boolean resuming) {}
}
