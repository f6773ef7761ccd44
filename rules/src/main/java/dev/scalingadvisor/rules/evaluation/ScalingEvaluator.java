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
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryFailure;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rule engine, as the daemon, {@code evaluate} and {@code backtest} all drive it: one {@link #step} per
 * evaluation instant from what Prometheus said then ({@link CycleReadings}) and the state after the previous
 * step. The daemon reads the present ({@link #evaluate} = {@link #read} + {@link #step}); a replay reads
 * history ({@link #replay}, {@link #rebuild}) and steps the very same way, so that replay equals live. Pure
 * apart from the queries: the instant is a parameter, state goes in and comes out.
 *
 * <pre>{@code
 * ScalingEvaluator engine = new ScalingEvaluator(PrometheusClient.create(endpoint), pack, settings);
 * EngineState state = engine.rebuild(now, restoredOrEmpty, lookup, facts);   // once, at start
 * CycleEvaluation cycle = engine.evaluate(now, state, lookup, facts);         // every interval
 * store.save(EngineStateJson.write(cycle.state()));
 *
 * // any other source of readings (a simulator): build CycleReadings, then
 * CycleEvaluation next = engine.step(readings, cycle.state(), lookup, facts);
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

    /** Queries per cycle: one per rule plus {@link #WORKLOAD_QUERIES}. */
    public int queriesPerCycle() {
        return pack.rules().size() + WORKLOAD_QUERIES;
    }

    public RulePack pack() {
        return pack;
    }

    public EvaluatorSettings settings() {
        return settings;
    }

    /**
     * Runs one cycle at {@code at}: reads Prometheus now, then steps.
     *
     * @param state the state after the previous cycle (or {@link #rebuild})
     * @param facts what the daemon knows from Flink REST per job; jobs without an entry are judged from Prometheus alone
     */
    public CycleEvaluation evaluate(
            Instant at, EngineState state, ScalingSettingsLookup lookup, Map<JobId, JobFacts> facts) {
        return step(read(at), state, lookup, facts);
    }

    /** What Prometheus says at {@code at}: one instant query per rule plus the two workload queries. */
    public CycleReadings read(Instant at) {
        List<String> problems = new ArrayList<>();
        List<RuleProblem> ruleProblems = new ArrayList<>();
        List<RuleResults> results = new ArrayList<>();
        for (Rule rule : pack.rules()) {
            QueryOutcome answer = prometheus.instant(rule.expr(), at);
            QueryOutcome outcome = trusted(rule, answer, settings.partialAnswers());
            results.add(read(rule, outcome, settings.labels()));
            noteProblems(rule, outcome, results.get(results.size() - 1), problems, ruleProblems);
        }
        QueryOutcome vertexOutcome = trusted(prometheus.instant(workload.vertexQuery(), at));
        QueryOutcome jobOutcome = trusted(prometheus.instant(workload.jobQuery(), at));
        Optional<String> failure = failureOf(vertexOutcome, QueryResult.Vector.class)
                .or(() -> failureOf(jobOutcome, QueryResult.Vector.class));
        Map<JobId, JobLoad> loads = Map.of();
        if (failure.isPresent()) {
            problems.add("workload query: " + failure.get());
        } else {
            loads = workload.read(vector(vertexOutcome), vector(jobOutcome));
        }
        return new CycleReadings(at, results, loads, failure, problems, ruleProblems, queriesPerCycle());
    }

    /** Readings from history: range queries, a chunk at a time. */
    public HistoryReadings history() {
        return new HistoryReadings(prometheus, pack, settings, workload);
    }

    /**
     * One step of the engine at {@code readings.at()}: groups the readings per job and steps each job's state
     * machine. No I/O. Jobs known to {@code state} but absent from the readings are remembered as having no
     * data (their rules unknown) until they are forgotten after {@link EvaluatorSettings#forgetAfter()}.
     */
    public CycleEvaluation step(
            CycleReadings readings, EngineState state, ScalingSettingsLookup lookup, Map<JobId, JobFacts> facts) {
        return step(readings, state, lookup, facts, false);
    }

    /**
     * @param factsFromThePresent the facts describe now while the readings are of the past (a replay): only
     *     names and key groups are taken from them, parallelism and start times come from the readings
     */
    CycleEvaluation step(
            CycleReadings readings,
            EngineState state,
            ScalingSettingsLookup lookup,
            Map<JobId, JobFacts> facts,
            boolean factsFromThePresent) {
        Instant at = readings.at();
        Optional<String> freshnessUnknown =
                readings.workloadFailure().map(f -> "freshness unknown: the workload query failed (" + f + ")");
        Set<JobId> jobs = new LinkedHashSet<>();
        readings.rules().forEach(r -> jobs.addAll(r.jobs()));
        jobs.addAll(readings.loads().keySet());
        if (!factsFromThePresent) {
            jobs.addAll(facts.keySet());
        }
        Map<JobId, JobMemory> next = new LinkedHashMap<>();
        List<JobEvaluation> evaluations = new ArrayList<>();
        List<JobFailure> failures = new ArrayList<>();
        for (JobId id : jobs) {
            JobFacts jobFacts = facts.getOrDefault(id, JobFacts.NONE);
            JobLoad load = readings.loads().getOrDefault(id, JobLoad.empty(id, ""));
            JobRef job = new JobRef(id, name(id, jobFacts, load, readings.rules()));
            try {
                evaluations.add(stepJob(
                        readings, state, lookup, job, jobFacts, load, factsFromThePresent, freshnessUnknown, next));
            } catch (RuntimeException e) {
                // One job's bad input or a bug in its evaluation must not cost every other job its cycle.
                state.job(id).ifPresent(memory -> next.put(id, memory));
                failures.add(new JobFailure(job, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        state.jobs().forEach((id, old) -> {
            if (!next.containsKey(id) && Duration.between(old.lastSeen(), at).compareTo(settings.forgetAfter()) < 0) {
                next.put(id, old.absent());
            }
        });
        PrometheusHealth health = new PrometheusHealth(readings.queries(), readings.problems());
        return new CycleEvaluation(
                at,
                evaluations,
                new EngineState(EngineState.CURRENT_VERSION, Optional.of(at), next),
                health,
                readings.ruleProblems(),
                failures);
    }

    /** One job's step: its settings, shape and readings, its state machine; its next memory goes into {@code next}. */
    private JobEvaluation stepJob(
            CycleReadings readings,
            EngineState state,
            ScalingSettingsLookup lookup,
            JobRef job,
            JobFacts jobFacts,
            JobLoad load,
            boolean factsFromThePresent,
            Optional<String> freshnessUnknown,
            Map<JobId, JobMemory> next) {
        Instant at = readings.at();
        JobId id = job.id();
        ScalingSettings jobSettings = lookup.settingsFor(job);
        JobShape shape = factsFromThePresent ? JobPicture.pastShape(load, jobFacts) : JobPicture.shape(load, jobFacts);
        JobFacts used = factsFromThePresent ? JobPicture.namesOnly(jobFacts) : jobFacts;
        Map<RuleName, Reading> jobReadings = JobPicture.readings(
                id, readings.rules(), shape, JobPicture.staleness(at, load, settings.maxSampleAge()), freshnessUnknown);
        JobInput input = new JobInput(
                at, job, pack, jobReadings, shape, load, JobPicture.startedAt(at, load, used), used, jobSettings);
        JobMemory previous = state.job(id).orElseGet(() -> JobMemory.fresh(at));
        JobStep step = JobStateMachine.step(previous, input);
        next.put(id, step.state());
        return new JobEvaluation(
                job,
                step.phase(),
                previous.phase(),
                reports(step, jobReadings, shape),
                step.decision(),
                step.findings(),
                shape);
    }

    /**
     * Steps the engine over history at every interval from {@code first} to {@code last} (both on the grid),
     * starting from {@code start}, telling {@code listener} each step; returns the state after the last step.
     * Flink REST describes the present, so of {@code facts} only names and key groups are used.
     */
    public EngineState replay(
            Instant first,
            Instant last,
            EngineState start,
            ScalingSettingsLookup lookup,
            Map<JobId, JobFacts> facts,
            StepListener listener) {
        EngineState state = start;
        Iterator<CycleReadings> steps = history().between(first, last);
        while (steps.hasNext()) {
            CycleReadings readings = steps.next();
            CycleEvaluation cycle = step(readings, state, lookup, facts, true);
            listener.stepped(readings, cycle);
            state = cycle.state();
        }
        return state;
    }

    /**
     * The state at {@code at} of a daemon that had been running all along: replays history far enough back
     * that every piece of memory a decision depends on is covered ({@link WarmUp}), or continues from
     * {@code restored} when that is more recent. The result is the state after the step one interval before
     * {@code at}; {@link #evaluate} at {@code at} follows.
     */
    public EngineState rebuild(
            Instant at, EngineState restored, ScalingSettingsLookup lookup, Map<JobId, JobFacts> facts) {
        return warmUp(at, restored, lookup, facts).state();
    }

    /** {@link #rebuild}, with what it replayed and which jobs (if any) its lookback could not cover. */
    public WarmUp.Result warmUp(
            Instant at, EngineState restored, ScalingSettingsLookup lookup, Map<JobId, JobFacts> facts) {
        return new WarmUp(this).run(at, restored, lookup, facts);
    }

    static void noteProblems(
            Rule rule,
            QueryOutcome outcome,
            RuleResults result,
            List<String> problems,
            List<RuleProblem> ruleProblems) {
        if (outcome instanceof QueryOutcome.Failed failed && !failed.failure().blamesQuery()) {
            problems.add("rule " + rule.name() + ": " + failed.failure().describe());
        } else {
            result.problem().ifPresent(p -> ruleProblems.add(new RuleProblem(rule, p)));
        }
        if (outcome instanceof QueryOutcome.Answered answered) {
            answered.warnings().forEach(w -> ruleProblems.add(new RuleProblem(rule, "Prometheus warns: " + w)));
            if (!answered.warnings().isEmpty()) {
                // Kept for its firing values only (partialAnswers: fire-up-rules), but still not a full answer.
                problems.add("rule " + rule.name() + ": " + new QueryFailure.Warned(answered.warnings()).describe()
                        + "; only values that fire are used");
            }
        }
    }

    /** A rule's results; those of a partial answer kept for an up-rule give only the values that fire. */
    static RuleResults read(Rule rule, QueryOutcome outcome, JobLabels labels) {
        return onlyFiringIfPartial(RuleResults.read(rule, outcome, labels), outcome);
    }

    /** {@code results} of {@code outcome}, keeping only the values that fire if Prometheus warned it is partial. */
    static RuleResults onlyFiringIfPartial(RuleResults results, QueryOutcome outcome) {
        if (outcome instanceof QueryOutcome.Answered answered
                && !answered.warnings().isEmpty()) {
            return results.onlyFiringValues(answered.warnings());
        }
        return results;
    }

    private List<RuleReport> reports(JobStep step, Map<RuleName, Reading> readings, JobShape shape) {
        List<RuleReport> reports = new ArrayList<>();
        step.state().rules().forEach((name, timer) -> {
            Reading reading = readings.get(name);
            Optional<Double> value = Optional.empty();
            Optional<String> vertex = Optional.empty();
            if (reading instanceof Reading.Value v && timer.status() != RuleStatus.UNKNOWN) {
                value = Optional.of(v.value());
                vertex =
                        v.vertex().map(id -> shape.vertex(id).map(Vertex::label).orElse(id.value()));
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

    /**
     * A rule's answer Prometheus warned about is no answer, unless {@code use} lets an up-rule keep the values that
     * fire ({@link #read} then drops the others).
     */
    static QueryOutcome trusted(Rule rule, QueryOutcome outcome, PartialAnswers use) {
        return use == PartialAnswers.FIRE_UP_RULES && rule.isUp() ? outcome : trusted(outcome);
    }

    /** An answer Prometheus warned about (a partial response) counts as no answer: never decide on partial data. */
    static QueryOutcome trusted(QueryOutcome outcome) {
        if (outcome instanceof QueryOutcome.Answered answered
                && !answered.warnings().isEmpty()) {
            return new QueryOutcome.Failed(new QueryFailure.Warned(answered.warnings()));
        }
        return outcome;
    }

    /** Why a workload query's answer cannot be used: it failed, or is not of the shape asked for. */
    static Optional<String> failureOf(QueryOutcome outcome, Class<? extends QueryResult> expected) {
        if (outcome instanceof QueryOutcome.Failed failed) {
            return Optional.of(failed.failure().describe());
        }
        QueryResult result = ((QueryOutcome.Answered) outcome).result();
        return expected.isInstance(result) ? Optional.empty() : Optional.of("returned " + result.shape());
    }

    private static QueryResult.Vector vector(QueryOutcome outcome) {
        return (QueryResult.Vector) ((QueryOutcome.Answered) outcome).result();
    }
}
