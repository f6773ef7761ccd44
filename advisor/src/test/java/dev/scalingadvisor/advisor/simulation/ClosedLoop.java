package dev.scalingadvisor.advisor.simulation;

import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.FindingAt;
import dev.scalingadvisor.advisor.backtest.JobChartRecorder;
import dev.scalingadvisor.advisor.config.EvaluationSettings;
import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.advisor.cycle.JobOnCluster;
import dev.scalingadvisor.advisor.cycle.TellOnce;
import dev.scalingadvisor.advisor.cycle.Transition;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.rules.evaluation.CycleEvaluation;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.EvaluatorSettings;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The closed loop: a {@link SimulatedJob} scaled by the real engine, as the daemon's cycle drives it
 * ({@code AdvisorCycle}): every evaluation interval the engine's {@link ScalingEvaluator#evaluate} reads the
 * simulated Prometheus with the job's Flink facts, {@link TellOnce} turns the result into what is told, and in act
 * mode a told decision is carried out as the rescale worker would (one rescale of a job at a time, within the
 * hourly budget and the free slots), which changes the job the next cycles read. Rules with {@code for} and
 * {@code clear}, the state machine, sizing, guards and cooldowns are the production code; only Flink, Prometheus
 * and the executor's timing are simulated. Simulated time, no sleeps: a day takes well under a second.
 */
final class ClosedLoop {

    static final RulePack PACK = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));
    static final Duration INTERVAL = EvaluationSettings.DEFAULTS.interval();
    static final ClusterName CLUSTER = new ClusterName("simulated");
    private static final String RATES = "records/s (simulated)";

    private ClosedLoop() {}

    static Run run(Scenario scenario) {
        EvaluatorSettings evaluator =
                EvaluatorSettings.of(INTERVAL, EvaluationSettings.DEFAULTS.maxSampleAge(), JobLabels.DEFAULTS);
        SimulatedJob job = new SimulatedJob(scenario, scenario.start());
        SimulatedPrometheus prometheus =
                new SimulatedPrometheus(PACK, new WorkloadQueries(JobLabels.DEFAULTS, evaluator.maxSampleAge()), job);
        ScalingEvaluator engine = new ScalingEvaluator(prometheus, PACK, evaluator);
        ScalingSettingsLookup lookup = ScalingSettingsLookup.always(scenario.settings());
        RescaleSettings rescale = RescaleSettings.DEFAULTS;
        JobOnCluster onCluster = new JobOnCluster(CLUSTER, job.name);

        EngineState state = EngineState.EMPTY;
        TellOnce.Told told = TellOnce.Told.NOTHING;
        List<Run.Tick> ticks = new ArrayList<>();
        List<Run.Event> events = new ArrayList<>();
        List<Instant> started = new ArrayList<>();
        Instant end = scenario.start().plus(scenario.length());
        JobChartRecorder chart = new JobChartRecorder(scenario.start(), end, INTERVAL, PACK);
        List<DecisionAt> decisions = new ArrayList<>();
        List<FindingAt> findings = new ArrayList<>();
        for (Instant at = scenario.start(); !at.isAfter(end); at = at.plus(INTERVAL)) {
            job.advanceTo(at);
            boolean gap = scenario.inGap(at);
            SimulatedJob.Scrape scrape = job.scrape(at);
            prometheus.scraped(gap ? Optional.empty() : Optional.of(scrape));
            Map<JobId, JobFacts> facts = Map.of(job.id, job.facts(at));
            CycleEvaluation cycle = engine.evaluate(at, state, lookup, facts);
            state = cycle.state();
            JobEvaluation evaluation = cycle.jobs().stream()
                    .filter(j -> j.job().id().equals(job.id))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the engine did not evaluate the simulated job"));
            boolean rescaling = job.rescaling(at, rescale.verifyWindow());
            TellOnce.Step step = TellOnce.step(
                    told,
                    new TellOnce.Seen(
                            at,
                            List.of(new TellOnce.JobSeen(evaluation, Optional.of(CLUSTER), scenario.mode(), rescaling)),
                            Map.of(),
                            rescaling ? Set.of(onCluster) : Set.of()));
            told = step.told();
            for (Transition transition : step.transitions()) {
                Instant now = at;
                if (transition instanceof Transition.Decided d) {
                    if (d.fresh()) {
                        decisions.add(DecisionAt.of(now, d.evaluation().decision()));
                        events.add(new Run.Event(
                                now,
                                Run.Kind.TOLD,
                                direction(d),
                                describe(d) + ": "
                                        + d.evaluation()
                                                .decision()
                                                .explanation()
                                                .summary(),
                                gap));
                    }
                    if (scenario.mode() == Mode.ACT && !rescaling) {
                        started.removeIf(t -> !t.isAfter(now.minus(Duration.ofHours(1))));
                        Optional<Integer> target = operatorTarget(d);
                        if (target.isPresent()
                                && started.size() < rescale.maxPerJobPerHour()
                                && job.rescale(now, target.get())) {
                            started.add(now);
                            rescaling = true;
                            events.add(new Run.Event(now, Run.Kind.RESCALED, direction(d), describe(d), gap));
                        }
                    }
                } else if (transition instanceof Transition.Resolved r) {
                    events.add(new Run.Event(
                            now, Run.Kind.RESOLVED, r.decision().direction(), Spelling.of(r.resolution()), gap));
                } else if (transition instanceof Transition.FindingHolds f && f.fresh()) {
                    findings.add(FindingAt.of(now, f.finding()));
                    events.add(new Run.Event(
                            now, Run.Kind.FINDING, Direction.NONE, f.finding().kind(), gap));
                } else if (transition instanceof Transition.FindingCleared f) {
                    events.add(new Run.Event(now, Run.Kind.FINDING_CLEARED, Direction.NONE, f.finding(), gap));
                }
            }
            Run.Tick tick = new Run.Tick(
                    at,
                    job.offered(),
                    job.processed(),
                    job.capacity(job.parallelism()),
                    job.parallelism(),
                    job.needed(
                            scenario.source() == Scenario.Source.AS_FAST_AS_IT_CAN ? Double.MAX_VALUE : job.offered()),
                    job.backlog(),
                    scrape.busy(),
                    scrape.cpu(),
                    evaluation.phase().spelling(),
                    gap);
            ticks.add(tick);
            chart.record(at, evaluation);
            chart.measured(at, RATES, "offered", tick.offered());
            chart.measured(at, RATES, "processed", tick.processed());
            chart.measured(at, RATES, "capacity at the parallelism", tick.capacity());
            chart.parallelism(at, "needed (simulated)", tick.needed());
        }
        return new Run(scenario, ticks, events, chart.result(decisions, findings));
    }

    private static Direction direction(Transition.Decided d) {
        return d.evaluation().decision().direction();
    }

    private static Optional<Integer> operatorTarget(Transition.Decided d) {
        return d.evaluation().decision().changes().vertex(SimulatedJob.OPERATOR).map(ParallelismChange::to);
    }

    private static String describe(Transition.Decided d) {
        return d.evaluation().decision().changes().vertices().stream()
                .map(c -> c.from() + "→" + c.to())
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}
