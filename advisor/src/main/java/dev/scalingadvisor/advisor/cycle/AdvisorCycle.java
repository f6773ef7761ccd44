package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.rescale.request.ParallelismChange;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleTarget;
import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.JobSettings;
import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.advisor.state.Persistence;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.decision.VertexChange;
import dev.scalingadvisor.rules.evaluation.CycleEvaluation;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.EngineStateJson;
import dev.scalingadvisor.rules.evaluation.EvaluationReport;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.RuleProblem;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.explain.Reason;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation cycle, end to end: read what Flink runs, evaluate the rules (rebuilding their timers from
 * history on the first cycle), persist the engine's state, and deliver each job's decision as its mode
 * says: log it (observe), recommend it (recommend), or hand it to the rescale worker (act). Only the
 * scheduler's single evaluation thread runs it, so its memory needs no locks.
 */
final class AdvisorCycle {

    private static final Logger LOG = LoggerFactory.getLogger(AdvisorCycle.class);
    /** The cluster name in events about jobs known from Prometheus alone (no {@code flink.clusters}). */
    static final String NO_CLUSTER = "default";

    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Supplier<Advisor.Configured> configured;
    private final FlinkViewReader flink;
    private final RescaleWorker worker;
    private final Persistence persistence;
    private final AdvisorMetrics metrics;
    private final HistoryRows rows = new HistoryRows();

    private EngineState state;
    private boolean rebuilt;
    /** Jobs never move between clusters: remembered so a cluster that is down for a while keeps its jobs' settings. */
    private final Map<JobId, String> clusterOfJob = new HashMap<>();
    /** The decision each job was last told or acted on, to see a new one, a changed target, a resolution. */
    private final Map<JobId, OpenDecision> openDecisions = new HashMap<>();

    private final Map<JobId, Set<String>> openFindings = new HashMap<>();
    /** Jobs act mode could not rescale for want of a Flink cluster: said once per job, not every cycle. */
    private final Set<JobId> withoutCluster = new HashSet<>();

    private Set<String> lastProblems = Set.of();
    private Instant lastPrune = Instant.EPOCH;
    private volatile String lastEvaluationJson = "{\"jobs\":[]}";

    AdvisorCycle(
            Supplier<Advisor.Configured> configured,
            FlinkViewReader flink,
            RescaleWorker worker,
            Persistence persistence,
            AdvisorMetrics metrics,
            EngineState restored) {
        this.configured = configured;
        this.flink = flink;
        this.worker = worker;
        this.persistence = persistence;
        this.metrics = metrics;
        this.state = restored;
    }

    CycleHealth run(Instant at) {
        Advisor.Configured c = configured.get();
        AdvisorConfig config = c.config();
        FlinkView view = flink.read(config.flinkClusters());
        clusterOfJob.putAll(view.clusters());
        ScalingSettingsLookup lookup =
                job -> settings(config, job.id(), job.name()).scaling();
        if (!rebuilt) {
            state = c.engine().rebuild(at, state, lookup, view.facts());
            rebuilt = true;
        }
        CycleEvaluation result = c.engine().evaluate(at, state, lookup, view.facts());
        state = result.state();
        save(at);
        reportProblems(view, result.ruleProblems());

        Map<JobPhase, Integer> phases = new EnumMap<>(JobPhase.class);
        Set<JobId> seen = new HashSet<>();
        int withoutFacts = 0;
        for (JobEvaluation job : result.jobs()) {
            seen.add(job.job().id());
            phases.merge(job.phase(), 1, Integer::sum);
            if (!config.flinkClusters().isEmpty()
                    && !view.facts().containsKey(job.job().id())) {
                withoutFacts++;
            }
            deliver(c, job, at);
        }
        forgetVanished(c, seen, at);
        for (JobPhase phase : JobPhase.values()) {
            metrics.jobs.labels(phase.spelling()).set(phases.getOrDefault(phase, 0));
        }
        metrics.jobsWithoutFlinkFacts.set(withoutFacts);
        prune(config, at);
        lastEvaluationJson = EvaluationReport.json(result);
        return new CycleHealth(result.prometheus().problem());
    }

    String lastEvaluationJson() {
        return lastEvaluationJson;
    }

    private void deliver(Advisor.Configured c, JobEvaluation job, Instant at) {
        JobId id = job.job().id();
        Optional<String> cluster = Optional.ofNullable(clusterOfJob.get(id));
        JobSettings settings = settings(c.config(), id, job.job().name());
        Decision decision = job.decision();
        boolean decided = job.phase() == JobPhase.DECIDED && decision.direction() != Direction.NONE;
        OpenDecision open = openDecisions.get(id);
        if (decided) {
            boolean fresh = open == null || !sameChange(open.decision(), decision);
            openDecisions.put(id, new OpenDecision(job.job().name(), decision));
            if (fresh) {
                metrics.decisions
                        .labels(decision.direction().spelling(), spelling(settings.mode()))
                        .inc();
                LOG.info(
                        "job={} id={} decision=scale_{} from={} to={} mode={} reason=\"{}\"",
                        job.job().name(),
                        id,
                        decision.direction().spelling(),
                        decision.currentParallelism(),
                        decision.targetParallelism(),
                        spelling(settings.mode()),
                        firstReason(decision));
                append(rows.decision(
                        settings.mode() == Mode.RECOMMEND ? "recommendation" : "decision",
                        job,
                        cluster,
                        settings.mode(),
                        at));
            }
            if (settings.mode() == Mode.RECOMMEND) {
                // Every cycle while it holds: the notifiers' noise control decides what reaches people.
                c.notifications().publish(c.events().recommendation(job, cluster.orElse(NO_CLUSTER), at));
            } else if (settings.mode() == Mode.ACT) {
                act(settings, job, cluster);
            }
        } else if (open != null) {
            openDecisions.remove(id);
            resolve(c, id, job.job().name(), open.decision(), cluster, settings.mode(), at);
        }
        findings(c, job, cluster, settings.mode(), at);
    }

    private void act(JobSettings settings, JobEvaluation job, Optional<String> cluster) {
        if (cluster.isEmpty()) {
            if (withoutCluster.add(job.job().id())) {
                LOG.warn(
                        "job={} id={}: act mode, but no Flink cluster reports this job; not rescaling it",
                        job.job().name(),
                        job.job().id());
            }
            return;
        }
        withoutCluster.remove(job.job().id());
        if (worker.busy(cluster.get(), job.job().name())) {
            return;
        }
        Decision decision = job.decision();
        Map<VertexId, ParallelismChange> changes = new LinkedHashMap<>();
        for (VertexChange change : decision.vertices()) {
            changes.put(change.vertex(), new ParallelismChange(change.current(), change.target()));
        }
        // The executor's stabilization guard and the engine's stabilization are one idea with one setting.
        RescaleSettings rescale = settings.rescale().toBuilder()
                .stabilizationPeriod(settings.scaling().stabilization())
                .build();
        worker.submit(
                new RescaleRequest(
                        cluster.get(),
                        job.job().id(),
                        job.job().name(),
                        new RescaleTarget.PerVertex(changes),
                        rescale,
                        firstReason(decision)),
                decision);
    }

    private void resolve(
            Advisor.Configured c,
            JobId id,
            String jobName,
            Decision open,
            Optional<String> cluster,
            Mode mode,
            Instant at) {
        LOG.info(
                "job={} id={} decision=resolved was=scale_{} from={} to={} mode={}",
                jobName,
                id,
                open.direction().spelling(),
                open.currentParallelism(),
                open.targetParallelism(),
                spelling(mode));
        if (mode == Mode.ACT) {
            return; // carried out (or overtaken); the rescale's own events told the story
        }
        append(rows.resolved(id, jobName, open, cluster, mode, at));
        if (mode == Mode.RECOMMEND) {
            c.notifications().publish(c.events().resolved(id, jobName, open, cluster.orElse(NO_CLUSTER), at));
        }
    }

    private void findings(Advisor.Configured c, JobEvaluation job, Optional<String> cluster, Mode mode, Instant at) {
        JobId id = job.job().id();
        Set<String> before = openFindings.getOrDefault(id, Set.of());
        Set<String> now = new HashSet<>();
        for (Finding finding : job.findings()) {
            String key = finding.kind() + "/" + finding.subject();
            now.add(key);
            if (!before.contains(key)) {
                LOG.warn("job={} id={} finding={} {}", job.job().name(), id, finding.kind(), finding.text());
                append(rows.finding(job, finding, cluster, mode, at));
            }
            if (mode != Mode.OBSERVE) {
                c.notifications().publish(c.events().finding(job, finding, cluster.orElse(NO_CLUSTER), at));
            }
        }
        if (now.isEmpty()) {
            openFindings.remove(id);
        } else {
            openFindings.put(id, now);
        }
    }

    /** A job that is gone (cancelled, or redeployed under a new id) resolves what was open for it. */
    private void forgetVanished(Advisor.Configured c, Set<JobId> seen, Instant at) {
        for (JobId id : List.copyOf(openDecisions.keySet())) {
            if (!seen.contains(id)) {
                OpenDecision open = openDecisions.remove(id);
                Optional<String> cluster = Optional.ofNullable(clusterOfJob.get(id));
                resolve(
                        c,
                        id,
                        open.jobName(),
                        open.decision(),
                        cluster,
                        settings(c.config(), id, open.jobName()).mode(),
                        at);
            }
        }
        openFindings.keySet().retainAll(seen);
        withoutCluster.retainAll(seen);
    }

    private JobSettings settings(AdvisorConfig config, JobId id, String name) {
        return config.settingsFor(Optional.ofNullable(clusterOfJob.get(id)), id.value(), name);
    }

    private void save(Instant at) {
        try {
            persistence.snapshots().save(Advisor.ENGINE_STATE, EngineStateJson.write(state), at);
        } catch (SQLException e) {
            LOG.error(
                    "cannot save the rule state: {}; a restart now would rebuild the timers from Prometheus history",
                    e.getMessage());
        }
    }

    /** Problems are logged when they appear and when they go away, not every cycle. */
    private void reportProblems(FlinkView view, List<RuleProblem> ruleProblems) {
        Set<String> problems = new HashSet<>();
        view.problems()
                .forEach((cluster, problem) -> problems.add("Flink cluster " + cluster + " could not be read: "
                        + problem + " (its jobs are evaluated from Prometheus alone; nothing acts on them)"));
        ruleProblems.forEach(p -> problems.add(p.toString()));
        for (String problem : problems) {
            if (!lastProblems.contains(problem)) {
                LOG.warn("{}", problem);
            }
        }
        for (String gone : lastProblems) {
            if (!problems.contains(gone)) {
                LOG.info("resolved: {}", gone);
            }
        }
        lastProblems = problems;
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

    private void append(HistoryEntry entry) {
        try {
            persistence.history().append(entry);
        } catch (SQLException e) {
            LOG.error("cannot record in the decision history: {} ({})", entry.summary(), e.getMessage());
        }
    }

    /** A decision that was told or acted on, with the name of its job (which may be gone by the time it resolves). */
    private record OpenDecision(String jobName, Decision decision) {}

    private static boolean sameChange(Decision a, Decision b) {
        return a.direction() == b.direction() && a.vertices().equals(b.vertices());
    }

    private static String firstReason(Decision decision) {
        return decision.explanation().reasons().stream()
                .filter(r -> r instanceof Reason.RuleFired)
                .map(Reason::text)
                .collect(Collectors.joining("; "));
    }

    private static String spelling(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
