package dev.scalingadvisor.rules.evaluation;

import static dev.scalingadvisor.rules.testing.FakePrometheus.series;
import static dev.scalingadvisor.rules.testing.FakePrometheus.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexFacts;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.QueryFailure;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.testing.FakeFlink;
import dev.scalingadvisor.rules.testing.FakePrometheus;
import dev.scalingadvisor.rules.testing.TestRules;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScalingEvaluatorTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final Rule BACKPRESSURE = TestRules.backpressure("backpressure_expr", Duration.ofMinutes(1));
    private static final Rule BUSY_LOW = TestRules.busyLow("busy_expr", Duration.ofMinutes(2));
    private static final RulePack PACK = new RulePack(List.of(BACKPRESSURE, BUSY_LOW));
    private static final EvaluatorSettings SETTINGS =
            EvaluatorSettings.of(STEP, Duration.ofMinutes(2), JobLabels.DEFAULTS);
    private static final WorkloadQueries WORKLOAD = new WorkloadQueries(JobLabels.DEFAULTS, Duration.ofMinutes(2));
    private static final ScalingSettingsLookup DEFAULTS = ScalingSettingsLookup.always(ScalingSettings.DEFAULTS);

    private final FakePrometheus prometheus = new FakePrometheus();
    private final FakeFlink flink = new FakeFlink();
    private final Map<String, Double> backpressure = new HashMap<>();
    private final Map<String, Double> busy = new HashMap<>();
    private final ScalingEvaluator engine = new ScalingEvaluator(prometheus, PACK, SETTINGS);

    ScalingEvaluatorTest() {
        flink.into(prometheus, WORKLOAD);
        prometheus.answer("backpressure_expr", at -> perJob(backpressure, at));
        prometheus.answer("busy_expr", at -> perJob(busy, at));
    }

    @Test
    void makesOneQueryPerRulePerCycleWhateverTheNumberOfJobs() {
        for (int jobs : new int[] {1, 500}) {
            prometheus.instantQueries.clear();
            for (int i = 0; i < jobs; i++) {
                addBackpressuredJob("job" + i);
            }

            CycleEvaluation cycle = engine.evaluate(T0, EngineState.EMPTY, DEFAULTS, Map.of());

            assertThat(cycle.jobs()).hasSize(jobs);
            assertThat(prometheus.instantQueries)
                    .hasSize(PACK.rules().size() + ScalingEvaluator.WORKLOAD_QUERIES)
                    .hasSize(engine.queriesPerCycle());
        }
    }

    @Test
    void groupsAnswersPerJobAndDecidesOnceTheRuleHeldForItsFor() {
        addBackpressuredJob("a");
        addJob("b", 200.0, 700.0);

        List<CycleEvaluation> cycles = run(EngineState.EMPTY, 5);

        CycleEvaluation last = cycles.get(4);
        JobEvaluation a = job(last, "a");
        assertThat(a.job().name()).isEqualTo("a_job");
        assertThat(a.rules()).extracting(RuleReport::state).containsExactly(RuleStatus.FIRING, RuleStatus.INACTIVE);
        assertThat(a.rules().get(0).value()).contains(952.0);
        assertThat(a.rules().get(0).since()).contains(T0);
        assertThat(a.phase()).isEqualTo(JobPhase.DECIDED);
        assertThat(a.previousPhase()).isEqualTo(JobPhase.STEADY);
        assertThat(a.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("a-counter"), "counter", 2, 3));
        assertThat(a.decision().explanation().render())
                .contains("counter: 3 not aligned to key groups (its key groups" + " are unknown without Flink REST)");
        JobEvaluation b = job(last, "b");
        assertThat(b.phase()).isEqualTo(JobPhase.STEADY);
        assertThat(b.decision().direction()).isEqualTo(Direction.NONE);
        assertThat(last.prometheus().answered()).isTrue();
    }

    @Test
    void aJobWhoseEvaluationFailsKeepsItsMemoryAndTheOtherJobsAreEvaluated() {
        addBackpressuredJob("a");
        addBackpressuredJob("b");
        EngineState before = run(EngineState.EMPTY, 2).get(1).state();
        ScalingSettingsLookup failsForA = job -> {
            if (job.id().value().equals("a")) {
                throw new IllegalStateException("a bug in a's settings");
            }
            return ScalingSettings.DEFAULTS;
        };

        CycleEvaluation cycle = engine.evaluate(T0.plus(STEP.multipliedBy(2)), before, failsForA, Map.of());

        assertThat(cycle.jobs()).extracting(j -> j.job().id().value()).containsExactly("b");
        assertThat(cycle.jobFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.job().id()).isEqualTo(new JobId("a"));
            assertThat(failure.error()).contains("IllegalStateException", "a bug in a's settings");
        });
        assertThat(cycle.state().job(new JobId("a"))).isEqualTo(before.job(new JobId("a")));
    }

    @Test
    void aSeriesThatEndedIsStaleEvenThoughPrometheusStillReturnsIt() {
        addBackpressuredJob("a");
        flink.job("a", "a_job").vertex("a-counter").sampleAge = Duration.ofMinutes(3);

        CycleEvaluation cycle = engine.evaluate(T0, EngineState.EMPTY, DEFAULTS, Map.of());

        RuleReport rule = job(cycle, "a").rules().get(0);
        assertThat(rule.state()).isEqualTo(RuleStatus.UNKNOWN);
        assertThat(rule.value()).isEmpty();
        assertThat(rule.reason())
                .contains("stale: the oldest busy-time sample (vertex counter) is 3m old, more than maxSampleAge 2m");
    }

    @Test
    void aSeriesThatVanishedIsUnknown() {
        addBackpressuredJob("a");
        backpressure.remove("a");

        CycleEvaluation cycle = engine.evaluate(T0, EngineState.EMPTY, DEFAULTS, Map.of());

        assertThat(job(cycle, "a").rules().get(0).reason()).contains("no series for this job");
    }

    @Test
    void aNaNValueIsUnknown() {
        addBackpressuredJob("a");
        backpressure.put("a", Double.NaN);

        CycleEvaluation cycle = engine.evaluate(T0, EngineState.EMPTY, DEFAULTS, Map.of());

        assertThat(job(cycle, "a").rules().get(0).state()).isEqualTo(RuleStatus.UNKNOWN);
        assertThat(job(cycle, "a").rules().get(0).reason()).contains("value is NaN");
    }

    @Test
    void whenTheWorkloadQueryFailsFreshnessIsUnknownAndPrometheusIsNotReady() {
        addBackpressuredJob("a");
        prometheus.answer(
                WORKLOAD.vertexQuery(), new QueryOutcome.Failed(new QueryFailure.TimedOut(Duration.ofSeconds(10))));

        CycleEvaluation cycle = engine.evaluate(T0, EngineState.EMPTY, DEFAULTS, Map.of());

        assertThat(job(cycle, "a").rules())
                .allSatisfy(r -> assertThat(r.state()).isEqualTo(RuleStatus.UNKNOWN));
        assertThat(job(cycle, "a").rules().get(0).reason())
                .get()
                .asString()
                .startsWith("freshness unknown: the workload query failed");
        assertThat(cycle.prometheus().problem())
                .contains("1 of 4 queries failed; first: workload query: Prometheus did not"
                        + " answer within 10000 ms (prometheus.timeout)");
    }

    @Test
    void aRejectedRuleIsTheRulesProblemWithItsLocationNotPrometheusHealth() {
        addBackpressuredJob("a");
        prometheus.answer(
                "busy_expr", new QueryOutcome.Failed(new QueryFailure.Rejected("bad_data", "parse error", 400)));

        CycleEvaluation cycle = engine.evaluate(T0, EngineState.EMPTY, DEFAULTS, Map.of());

        assertThat(cycle.prometheus().answered()).isTrue();
        assertThat(cycle.ruleProblems())
                .singleElement()
                .asString()
                .isEqualTo(
                        "(in code: busy-low): rules[?] (busy-low): Prometheus rejected the query (bad_data, HTTP 400): parse error");
        assertThat(job(cycle, "a").rules().get(1).reason())
                .get()
                .asString()
                .startsWith("Prometheus rejected the query");
    }

    @Test
    void usesFlinkRestFactsForParallelismKeyGroupsNamesAndStartTime() {
        addBackpressuredJob("a");
        Map<VertexId, VertexFacts> vertices = new LinkedHashMap<>();
        vertices.put(new VertexId("a-source"), new VertexFacts("Source: orders", 2, OptionalInt.of(128)));
        vertices.put(new VertexId("a-counter"), new VertexFacts("counter -> Sink: sink", 2, OptionalInt.of(128)));
        JobFacts facts = new JobFacts(
                Optional.of("orders-v2"),
                Optional.of(T0.minus(Duration.ofHours(2))),
                vertices,
                Optional.empty(),
                OptionalInt.empty());

        CycleEvaluation last =
                run(EngineState.EMPTY, 5, Map.of(new JobId("a"), facts)).get(4);

        JobEvaluation a = job(last, "a");
        assertThat(a.job().name()).isEqualTo("orders-v2");
        assertThat(a.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("a-counter"), "counter -> Sink: sink", 2, 4));
    }

    @Test
    void takesTheStartTimeFromUptimeWithoutFlinkRest() {
        addBackpressuredJob("a");
        flink.job("a", "a_job").startedAt = T0.minus(Duration.ofMinutes(1));

        CycleEvaluation cycle = engine.evaluate(T0, EngineState.EMPTY, DEFAULTS, Map.of());

        assertThat(job(cycle, "a").phase()).isEqualTo(JobPhase.STABILIZING);
        assertThat(job(cycle, "a").decision().explanation().render())
                .contains("the job (re)started at " + T0.minus(Duration.ofMinutes(1)));
    }

    @Test
    void aDownRuleWithSeriesPerVertexNeedsEveryVertex() {
        addJob("a", 10.0, null);
        List<InstantSeries> perVertex = List.of(series(Map.of("job_id", "a", "task_id", "a-source"), T0, 50));
        prometheus.answer("busy_expr", vector(perVertex));

        CycleEvaluation cycle = engine.evaluate(T0, EngineState.EMPTY, DEFAULTS, Map.of());

        assertThat(job(cycle, "a").rules().get(1).reason())
                .contains("no value for vertex a-counter (a scale-down needs every vertex)");
    }

    @Test
    void anAnswerWithAPartialResponseWarningIsMissingDataAndDecidesNothing() {
        // Issue 14, defect 8: a Thanos answer warning "partial response" still produced a scale-down
        addJob("a", 10.0, 50.0);
        prometheus.answer(
                "busy_expr",
                at -> new QueryOutcome.Answered(
                        ((QueryOutcome.Answered) perJob(busy, at)).result(),
                        List.of("partial response: store 10.0.0.7:10901 unavailable")));

        List<CycleEvaluation> cycles = run(EngineState.EMPTY, 60);

        CycleEvaluation last = cycles.get(59);
        assertThat(job(last, "a").rules().get(1).state()).isEqualTo(RuleStatus.UNKNOWN);
        assertThat(cycles)
                .allSatisfy(c -> assertThat(job(c, "a").decision().direction()).isEqualTo(Direction.NONE));
        assertThat(last.prometheus().problem())
                .hasValueSatisfying(p -> assertThat(p).contains("partial response: store 10.0.0.7:10901 unavailable"));
    }

    @Test
    void withPartialAnswersForUpRulesAPartialValueThatFiresCountsAndNothingElseDoes() {
        // Issue 14, defect 8, "configurable for scale-up": evaluation.partialAnswers: fire-up-rules
        ScalingEvaluator trusting =
                new ScalingEvaluator(prometheus, PACK, SETTINGS.withPartialAnswers(PartialAnswers.FIRE_UP_RULES));
        addJob("a", 952.0, 50.0);
        addJob("b", 400.0, 50.0);
        List<String> warning = List.of("partial response: store 10.0.0.7:10901 unavailable");
        prometheus.answer("backpressure_expr", at -> warned(perJob(backpressure, at), warning));
        prometheus.answer("busy_expr", at -> warned(perJob(busy, at), warning));

        List<CycleEvaluation> cycles = run(trusting, EngineState.EMPTY, 10);

        CycleEvaluation last = cycles.get(9);
        // a: part of the series already shows the backpressure, so the up-rule fires and the job is scaled up
        assertThat(job(last, "a").rules().get(0).state()).isEqualTo(RuleStatus.FIRING);
        assertThat(cycles)
                .anySatisfy(c -> assertThat(job(c, "a").decision().direction()).isEqualTo(Direction.UP));
        // the down-rule's partial answer stays missing
        assertThat(job(last, "a").rules().get(1).state()).isEqualTo(RuleStatus.UNKNOWN);
        // b: a partial value that does not fire proves nothing: missing, not inactive, and nothing is decided
        assertThat(job(last, "b").rules().get(0).state()).isEqualTo(RuleStatus.UNKNOWN);
        assertThat(job(last, "b").rules().get(0).reason())
                .hasValueSatisfying(r -> assertThat(r).contains("partial answer", "does not fire"));
        assertThat(cycles)
                .allSatisfy(c -> assertThat(job(c, "b").decision().direction()).isEqualTo(Direction.NONE));
        assertThat(last.prometheus().problem())
                .hasValueSatisfying(p -> assertThat(p).contains("partial response"));
    }

    @Test
    void forgetsJobsNotSeenForADay() {
        addBackpressuredJob("a");
        EngineState state =
                engine.evaluate(T0, EngineState.EMPTY, DEFAULTS, Map.of()).state();
        backpressure.clear();
        busy.clear();
        flink.job("a", "a_job"); // still there; remove all of it:
        FakePrometheus empty = new FakePrometheus();
        ScalingEvaluator blind = new ScalingEvaluator(empty, PACK, SETTINGS);

        assertThat(blind.evaluate(T0.plus(Duration.ofHours(23)), state, DEFAULTS, Map.of())
                        .state()
                        .jobs())
                .containsKey(new JobId("a"));
        assertThat(blind.evaluate(T0.plus(Duration.ofHours(25)), state, DEFAULTS, Map.of())
                        .state()
                        .jobs())
                .isEmpty();
    }

    @Test
    void continuesFromAPersistedStateAsIfNothingHappened() {
        addBackpressuredJob("a");
        List<CycleEvaluation> cycles = run(EngineState.EMPTY, 3);
        EngineState restored =
                EngineStateJson.read(EngineStateJson.write(cycles.get(2).state()));

        CycleEvaluation next = engine.evaluate(T0.plus(STEP.multipliedBy(3)), restored, DEFAULTS, Map.of());
        CycleEvaluation fired = engine.evaluate(T0.plus(STEP.multipliedBy(4)), next.state(), DEFAULTS, Map.of());

        assertThat(job(next, "a").rules().get(0).state()).isEqualTo(RuleStatus.PENDING);
        assertThat(job(fired, "a").rules().get(0).state()).isEqualTo(RuleStatus.FIRING);
    }

    private void addBackpressuredJob(String id) {
        addJob(id, 952.0, 1000.0);
    }

    private void addJob(String id, Double backpressureValue, Double busyValue) {
        FakeFlink.Job job = flink.job(id, id + "_job");
        job.vertex(id + "-source", "source", 2, 48, 952);
        job.vertex(id + "-counter", "counter", 2, 1000, 0);
        if (backpressureValue != null) {
            backpressure.put(id, backpressureValue);
        }
        if (busyValue != null) {
            busy.put(id, busyValue);
        }
    }

    private List<CycleEvaluation> run(EngineState state, int cycles) {
        return run(state, cycles, Map.of());
    }

    private List<CycleEvaluation> run(EngineState start, int cycles, Map<JobId, JobFacts> facts) {
        return run(engine, start, cycles, facts);
    }

    private List<CycleEvaluation> run(ScalingEvaluator engine, EngineState start, int cycles) {
        return run(engine, start, cycles, Map.of());
    }

    private List<CycleEvaluation> run(
            ScalingEvaluator engine, EngineState start, int cycles, Map<JobId, JobFacts> facts) {
        List<CycleEvaluation> results = new ArrayList<>();
        EngineState state = start;
        for (int i = 0; i < cycles; i++) {
            CycleEvaluation cycle = engine.evaluate(T0.plus(STEP.multipliedBy(i)), state, DEFAULTS, facts);
            results.add(cycle);
            state = cycle.state();
        }
        return results;
    }

    private static JobEvaluation job(CycleEvaluation cycle, String id) {
        return cycle.jobs().stream()
                .filter(j -> j.job().id().value().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static QueryOutcome warned(QueryOutcome answer, List<String> warnings) {
        return new QueryOutcome.Answered(((QueryOutcome.Answered) answer).result(), warnings);
    }

    private static QueryOutcome perJob(Map<String, Double> values, Instant at) {
        List<InstantSeries> series = new ArrayList<>();
        values.forEach((job, value) -> series.add(series(Map.of("job_id", job, "job_name", job + "_job"), at, value)));
        return vector(series);
    }
}
