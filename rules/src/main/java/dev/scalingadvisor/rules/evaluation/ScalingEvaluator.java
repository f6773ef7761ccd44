package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.rules.decision.JobInput;
import dev.scalingadvisor.rules.decision.JobMemory;
import dev.scalingadvisor.rules.decision.JobStateMachine;
import dev.scalingadvisor.rules.decision.JobStep;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.rule.Reading;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RuleResults;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.workload.JobLoad;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule engine, as the daemon drives it: one {@link #evaluate} per cycle, {@link #rebuild} once at
 * start. A cycle makes one query per rule plus the two workload queries, whatever the number of jobs,
 * groups the answers per job, and steps each job's state machine. Pure apart from the queries: the instant
 * is a parameter, state goes in and comes out.
 *
 * <pre>{@code
 * ScalingEvaluator engine = new ScalingEvaluator(PrometheusClient.create(endpoint), pack, settings);
 * EngineState state = engine.rebuild(now, restoredOrEmpty, lookup, facts);   // once, at start
 * CycleEvaluation cycle = engine.evaluate(now, state, lookup, facts);            // every interval
 * store.save(EngineStateJson.write(cycle.state()));
 * }</pre>
 */
public final class ScalingEvaluator {

    /** Queries per cycle besides the rules': the vertex and the job workload queries. */
    public static final int WORKLOAD_QUERIES = 2;

    private final Prometheus prometheus;
    private final RulePack pack;
    private final EvaluatorSettings settings;
    private final WorkloadQueries workload;

    public ScalingEvaluator(Prometheus prometheus, RulePack pack, EvaluatorSettings settings) {
        this.prometheus = prometheus;
        this.pack = pack;
        this.settings = settings;
        this.workload = new WorkloadQueries(settings.labels(), settings.maxSampleAge());
    }

    /** Queries one cycle makes: one per rule plus {@link #WORKLOAD_QUERIES}. */
    public int queriesPerCycle() {
        return pack.rules().size() + WORKLOAD_QUERIES;
    }

    public RulePack pack() {
        return pack;
    }

    /**
     * Runs one cycle at {@code at}.
     *
     * @param state  the state after the previous cycle (or {@link #rebuild})
     * @param facts  what the daemon knows from Flink REST per job; jobs without an entry are judged from Prometheus alone
     */
    public CycleEvaluation evaluate(
            Instant at, EngineState state, ScalingSettingsLookup lookup, Map<JobId, JobFacts> facts) {
        List<String> problems = new ArrayList<>();
        List<RuleProblem> ruleProblems = new ArrayList<>();
        List<RuleResults> results = new ArrayList<>();
        for (Rule rule : pack.rules()) {
            QueryOutcome outcome = prometheus.instant(rule.expr(), at);
            RuleResults result = RuleResults.read(rule, outcome, settings.labels());
            results.add(result);
            if (outcome instanceof QueryOutcome.Failed failed
                    && !failed.failure().blamesQuery()) {
                problems.add("rule " + rule.name() + ": " + failed.failure().describe());
            } else {
                result.problem().ifPresent(p -> ruleProblems.add(new RuleProblem(rule, p)));
            }
            if (outcome instanceof QueryOutcome.Answered answered) {
                answered.warnings().forEach(w -> ruleProblems.add(new RuleProblem(rule, "Prometheus warns: " + w)));
            }
        }
        Optional<String> workloadFailure = Optional.empty();
        QueryOutcome vertexOutcome = prometheus.instant(workload.vertexQuery(), at);
        QueryOutcome jobOutcome = prometheus.instant(workload.jobQuery(), at);
        Map<JobId, JobLoad> loads = Map.of();
        Optional<String> failure = failureOf(vertexOutcome).or(() -> failureOf(jobOutcome));
        if (failure.isPresent()) {
            problems.add("workload query: " + failure.get());
            workloadFailure = Optional.of("freshness unknown: the workload query failed (" + failure.get() + ")");
        } else {
            loads = workload.read(vector(vertexOutcome), vector(jobOutcome));
        }

        Set<JobId> jobs = new LinkedHashSet<>();
        results.forEach(r -> jobs.addAll(r.jobs()));
        jobs.addAll(loads.keySet());
        jobs.addAll(facts.keySet());
        Map<JobId, JobMemory> next = new LinkedHashMap<>();
        List<JobEvaluation> evaluations = new ArrayList<>();
        for (JobId id : jobs) {
            JobFacts jobFacts = facts.getOrDefault(id, JobFacts.NONE);
            JobLoad load = loads.getOrDefault(id, JobLoad.empty(id, ""));
            JobRef job = new JobRef(id, name(id, jobFacts, load, results));
            ScalingSettings jobSettings = lookup.settingsFor(job);
            JobShape shape = JobPicture.shape(load, jobFacts);
            Map<RuleName, Reading> readings = JobPicture.readings(
                    id, results, shape, JobPicture.staleness(at, load, settings.maxSampleAge()), workloadFailure);
            JobInput input = new JobInput(
                    at,
                    job,
                    pack,
                    readings,
                    shape,
                    load,
                    JobPicture.startedAt(at, load, jobFacts),
                    jobFacts,
                    jobSettings);
            JobMemory previous = state.job(id).orElseGet(() -> JobMemory.fresh(at));
            JobStep step = JobStateMachine.step(previous, input);
            next.put(id, step.state());
            evaluations.add(new JobEvaluation(
                    job,
                    step.phase(),
                    previous.phase(),
                    reports(step, readings, shape),
                    step.decision(),
                    step.findings()));
        }
        state.jobs().forEach((id, old) -> {
            if (!next.containsKey(id) && Duration.between(old.lastSeen(), at).compareTo(settings.forgetAfter()) < 0) {
                next.put(id, old);
            }
        });
        PrometheusHealth health = new PrometheusHealth(queriesPerCycle(), problems);
        return new CycleEvaluation(
                at,
                evaluations,
                new EngineState(EngineState.CURRENT_VERSION, Optional.of(at), next),
                health,
                ruleProblems);
    }

    /**
     * Rebuilds every rule's timers from Prometheus history, as at daemon start: one range query per rule
     * (plus one for freshness and uptime) over the rules' memory, replayed through the same state machine,
     * so that a restart neither resets nor skips a pending {@code for}. Starts from the restored state when it
     * is recent enough to continue from; job-level memory (cooldowns, scale-up records) is kept as restored.
     */
    public EngineState rebuild(
            Instant at, EngineState restored, ScalingSettingsLookup lookup, Map<JobId, JobFacts> facts) {
        return new HistoryReplay(prometheus, pack, settings, workload).rebuild(at, restored, lookup, facts);
    }

    private List<RuleReport> reports(JobStep step, Map<RuleName, Reading> readings, JobShape shape) {
        List<RuleReport> reports = new ArrayList<>();
        step.state().rules().forEach((name, timer) -> {
            Reading reading = readings.get(name);
            Optional<Double> value = Optional.empty();
            Optional<String> vertex = Optional.empty();
            if (reading instanceof Reading.Value v && timer.status() != RuleStatus.UNKNOWN) {
                value = Optional.of(v.value());
                vertex = v.vertex()
                        .map(id -> shape.vertices().stream()
                                .filter(x -> x.id().equals(id))
                                .findFirst()
                                .map(Vertex::label)
                                .orElse(id.value()));
            }
            reports.add(new RuleReport(
                    name,
                    pack.rule(name).orElseThrow().direction(),
                    timer.status(),
                    value,
                    vertex,
                    timer.activeSince(),
                    timer.unknownReason()));
        });
        return reports;
    }

    private static String name(JobId id, JobFacts facts, JobLoad load, List<RuleResults> results) {
        if (facts.name().isPresent()) {
            return facts.name().get();
        }
        if (!load.name().isEmpty()) {
            return load.name();
        }
        return results.stream().flatMap(r -> r.jobName(id).stream()).findFirst().orElse(id.value());
    }

    private static Optional<String> failureOf(QueryOutcome outcome) {
        if (outcome instanceof QueryOutcome.Failed failed) {
            return Optional.of(failed.failure().describe());
        }
        QueryResult result = ((QueryOutcome.Answered) outcome).result();
        return result instanceof QueryResult.Vector ? Optional.empty() : Optional.of("returned " + result.shape());
    }

    private static QueryResult.Vector vector(QueryOutcome outcome) {
        return (QueryResult.Vector) ((QueryOutcome.Answered) outcome).result();
    }
}
