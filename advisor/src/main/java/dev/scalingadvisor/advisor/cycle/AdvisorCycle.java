package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.advisor.state.Persistence;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.evaluation.CycleEvaluation;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.EngineStateJson;
import dev.scalingadvisor.rules.evaluation.EvaluationReport;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation cycle: read what Flink runs, evaluate the rules (rebuilding their timers from history on
 * the first cycle), see what changed in what the advisor tells ({@link TellOnce}), and deliver those
 * transitions by mode ({@link DecisionDelivery}). Only the scheduler's single evaluation thread runs it, so
 * its memory needs no locks.
 */
final class AdvisorCycle {

    private static final Logger LOG = LoggerFactory.getLogger(AdvisorCycle.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Supplier<Advisor.Configured> configured;
    private final FlinkViewReader flink;
    private final RescaleWorker worker;
    private final Persistence persistence;
    private final AdvisorMetrics metrics;
    private final JobSeries jobSeries;
    private final LastDecisions lastDecisions;
    private final WallClockSteps clockSteps;

    private final EngineState restored;
    /** Empty until the first cycle has rebuilt the rule timers from history. */
    private Optional<EngineState> state = Optional.empty();

    private TellOnce.Told told = TellOnce.Told.NOTHING;
    /** Jobs never move between clusters: remembered so a cluster that is down for a while keeps its jobs' settings. */
    private final Map<JobId, ClusterName> clusterOfJob = new HashMap<>();

    private Instant lastPrune = Instant.EPOCH;
    private volatile String lastEvaluationJson = "{\"jobs\":[]}";
    private volatile List<JobRef> lastJobs = List.of();
    private volatile Optional<TellOnce.Seen> lastSeen = Optional.empty();

    /** @param restored the engine's saved state; its timers are rebuilt from Prometheus history on the first cycle */
    AdvisorCycle(
            Supplier<Advisor.Configured> configured,
            FlinkViewReader flink,
            RescaleWorker worker,
            Persistence persistence,
            AdvisorMetrics metrics,
            JobSeries jobSeries,
            EngineState restored,
            WallClockSteps clockSteps) {
        this.configured = configured;
        this.flink = flink;
        this.worker = worker;
        this.persistence = persistence;
        this.metrics = metrics;
        this.jobSeries = jobSeries;
        this.lastDecisions = new LastDecisions(persistence.history());
        this.restored = restored;
        this.clockSteps = clockSteps;
    }

    CycleHealth run(Instant at) {
        Advisor.Configured c = configured.get();
        AdvisorConfig config = c.config();
        CycleParts parts = new CycleParts(metrics.cyclePartFailures);
        FlinkView view = parts.attempt(
                "flink", "reading the Flink clusters", () -> flink.read(config.flinkClusters()), FlinkView.NONE);
        clusterOfJob.putAll(view.clusters());
        ScalingSettingsLookup lookup =
                job -> config.settingsFor(clusterOf(job.id()), job).scaling();
        Duration clockStep = clockSteps.step();
        if (!clockStep.isZero() && state.isPresent()) {
            LOG.warn(
                    "the wall clock stepped by {} s since the last cycle; rule timers, delays, cooldowns and"
                            + " stabilization keep counting the time that really passed",
                    clockStep.toMillis() / 1000.0);
            state = state.map(s -> s.movedBy(clockStep));
            told = told.movedBy(clockStep);
            lastPrune = lastPrune.plus(clockStep);
        }
        Map<JobId, JobFacts> facts = clockSteps.onCycleTime(view.facts());
        EngineState before = state.orElseGet(() -> c.engine().rebuild(at, restored, lookup, facts));
        CycleEvaluation result = c.engine().evaluate(at, before, lookup, facts);
        state = Optional.of(result.state());
        clockSteps.keepOnly(result.state().jobs().keySet());
        result.jobFailures().forEach(failure -> {
            parts.failed("evaluation", failure.describe());
            LOG.error("{}", failure.describe());
        });
        parts.run("state", "saving the rule state", () -> save(result.state(), at));

        TellOnce.Seen seen = seen(at, config, view, result);
        TellOnce.Step step = TellOnce.step(told, seen);
        told = step.told();
        lastSeen = Optional.of(seen);
        DecisionDelivery delivery = new DecisionDelivery(
                c, at, worker, persistence, metrics, job -> persistence.pauses().pausing(job, at));
        for (Transition transition : step.transitions()) {
            parts.run("delivery", "delivering the " + transition.about(), () -> transition.deliver(delivery));
        }
        parts.run("delivery", "preparing the first rescale of jobs in act mode", () -> warmUpActing(seen));

        parts.run("report", "reporting the cycle's metrics", () -> {
            report(config, view, result);
            reportJobs(c, seen, step, at);
        });
        parts.run("prune", "pruning the decision history", () -> prune(config, at));
        parts.run("report", "writing the evaluation report", () -> lastEvaluationJson = EvaluationReport.json(result));
        lastJobs = result.jobs().stream().map(JobEvaluation::job).toList();
        return new CycleHealth(result.prometheus().problem(), parts.failures(), worker.jobsLeftStopped());
    }

    String lastEvaluationJson() {
        return lastEvaluationJson;
    }

    List<JobRef> lastJobs() {
        return lastJobs;
    }

    Optional<TellOnce.Seen> lastSeen() {
        return lastSeen;
    }

    /**
     * A job the advisor may rescale gets its JobManager configuration read and the pre-flight's connections and
     * parsers ready when it is first seen, not after its first decision (issue 16: decision → request).
     */
    private void warmUpActing(TellOnce.Seen seen) {
        // A cycle that saw no job (Prometheus did not answer) says nothing of which jobs ended.
        if (!seen.jobs().isEmpty()) {
            worker.keepPreparedOnly(
                    seen.jobs().stream().map(job -> job.evaluation().job().id()).collect(Collectors.toSet()));
        }
        for (TellOnce.JobSeen job : seen.jobs()) {
            if (job.mode() == Mode.ACT) {
                job.cluster()
                        .ifPresent(cluster ->
                                worker.warmUp(cluster, job.evaluation().job().id()));
            }
        }
    }

    private TellOnce.Seen seen(Instant at, AdvisorConfig config, FlinkView view, CycleEvaluation result) {
        Set<JobOnCluster> rescaling = worker.running();
        List<TellOnce.JobSeen> jobs = new ArrayList<>();
        for (JobEvaluation job : result.jobs()) {
            Optional<ClusterName> cluster = clusterOf(job.job().id());
            boolean busy = cluster.map(name ->
                            rescaling.contains(new JobOnCluster(name, job.job().name())))
                    .orElse(false);
            jobs.add(new TellOnce.JobSeen(
                    job, cluster, config.settingsFor(cluster, job.job()).mode(), busy));
        }
        Map<String, String> problems = new HashMap<>();
        view.problems()
                .forEach((cluster, problem) -> problems.put(
                        "cluster " + cluster,
                        "Flink cluster " + cluster + " could not be read: " + problem
                                + " (its jobs are evaluated from Prometheus alone; nothing acts on them)"));
        result.ruleProblems().forEach(p -> problems.put("rule " + p.rule().name(), p.toString()));
        result.jobFailures().forEach(f -> problems.put("job " + f.job().id(), f.describe()));
        Set<JobId> unjudged =
                result.jobFailures().stream().map(f -> f.job().id()).collect(Collectors.toSet());
        return new TellOnce.Seen(at, jobs, problems, rescaling, unjudged);
    }

    private void report(AdvisorConfig config, FlinkView view, CycleEvaluation result) {
        Map<JobPhase, Integer> phases = new EnumMap<>(JobPhase.class);
        int withoutFacts = 0;
        for (JobEvaluation job : result.jobs()) {
            phases.merge(job.phase(), 1, Integer::sum);
            if (!config.flinkClusters().isEmpty()
                    && !view.facts().containsKey(job.job().id())) {
                withoutFacts++;
            }
        }
        for (JobPhase phase : JobPhase.values()) {
            metrics.jobs.labelValues(phase.spelling()).set(phases.getOrDefault(phase, 0));
        }
        metrics.jobsWithoutFlinkFacts.set(withoutFacts);
    }

    private void reportJobs(Advisor.Configured c, TellOnce.Seen seen, TellOnce.Step step, Instant at) {
        for (Transition transition : step.transitions()) {
            if (transition instanceof Transition.Decided decided && decided.fresh()) {
                lastDecisions.decided(decided.evaluation().job().name(), at);
            }
        }
        List<JobSeries.Row> rows = new ArrayList<>();
        for (TellOnce.JobSeen job : seen.jobs()) {
            rows.add(new JobSeries.Row(
                    job.evaluation(),
                    job.cluster(),
                    Spelling.of(job.mode()),
                    lastDecisions.of(job.job().name()),
                    persistence.pauses().pausing(job.job(), at).isPresent()));
        }
        jobSeries.update(rows, c.engine().pack().rules());
    }

    private Optional<ClusterName> clusterOf(JobId job) {
        return Optional.ofNullable(clusterOfJob.get(job));
    }

    private void save(EngineState engine, Instant at) {
        try {
            persistence.snapshots().save(Advisor.ENGINE_STATE, EngineStateJson.write(engine), at);
        } catch (SQLException e) {
            LOG.error(
                    "cannot save the rule state: {}; a restart now would rebuild the timers from Prometheus history",
                    e.getMessage());
        }
    }

    private void prune(AdvisorConfig config, Instant at) {
        if (Duration.between(lastPrune, at).compareTo(PRUNE_EVERY) < 0) {
            return;
        }
        lastPrune = at;
        try {
            int deleted = persistence
                    .history()
                    .deleteOlderThan(at.minus(config.state().historyRetention()));
            if (deleted > 0) {
                LOG.info(
                        "deleted {} decision history rows older than {}",
                        deleted,
                        config.state().historyRetention());
            }
        } catch (SQLException e) {
            LOG.warn("cannot prune the decision history: {}", e.getMessage());
        }
    }
}
