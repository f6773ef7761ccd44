package dev.scalingadvisor.rules.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.explain.DecisionGuard;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.RangeSeries;
import dev.scalingadvisor.rules.query.SeriesLabels;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.testing.CountingPrometheus;
import dev.scalingadvisor.rules.testing.FlinkHistory;
import dev.scalingadvisor.rules.testing.SampleTimeAnswers;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default pack evaluated against a real Prometheus fed with an hour of Flink-like history: a job
 * whose keyed operator became the bottleneck (its source backpressured), an idle job, a job whose series
 * ended three minutes ago, a job whose subtasks differ in load, and a job that just restarted.
 */
class ScalingEvaluatorIT {

    private static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(1));
    private static final double MINUTE_20 = 20 * 60;

    private static final FlinkHistory HISTORY = new FlinkHistory(FROM, TO)
            .taskManager("tm-1", "host_1", s -> 0.5)
            .taskManager("tm-2", "host_2", s -> 0.2)
            // Two TaskManagers on host_3, which is the skewed job's least loaded host every other two minutes, and
            // whose load is NaN for five minutes.
            .taskManager("tm-3", "host_3", s -> s % 240 < 120 ? 0.9 : 0.1)
            .taskManager("tm-4", "host_3", s -> s > 1200 && s < 1500 ? Double.NaN : 0.05)
            .job("a0a0a0a0", "orders_v2")
            .on("tm-1", "host_1")
            .startedAt(FROM.minus(Duration.ofHours(1)))
            .vertex(
                    "v-source",
                    "Source:_orders",
                    2,
                    s -> s < MINUTE_20 ? 300 : 48,
                    s -> s < MINUTE_20 ? 0 : 952,
                    s -> 2000)
            .vertex("v-counter", "counter", 2, s -> s < MINUTE_20 ? 400 : 1000, s -> 0, s -> 2000)
            .done()
            .job("b0b0b0b0", "reports")
            .on("tm-2", "host_2")
            .startedAt(FROM.minus(Duration.ofHours(1)))
            .vertex("v-report", "report", 4, s -> 100, s -> 0, s -> 50)
            .done()
            .job("c0c0c0c0", "legacy")
            .on("tm-2", "host_2")
            .endingAt(TO.minus(Duration.ofMinutes(3)))
            .vertex("v-legacy", "legacy", 1, s -> 950, s -> 0, s -> 10)
            .done()
            .job("e0e0e0e0", "sticky")
            .on("tm-2", "host_2")
            .startedAt(FROM.minus(Duration.ofHours(1)))
            .vertex("v-sticky", "sticky", 1, s -> 1000, s -> s < 600 ? 952 : 400, s -> 10)
            .done()
            .job("f0f0f0f0", "skewed")
            .on("tm-1", "host_1")
            .startedAt(FROM.minus(Duration.ofHours(1)))
            // Its busiest subtask changes every minute; one is NaN for a while: busy_max is not any one subtask's.
            .skewedVertex(
                    "v-skewed",
                    "skewed",
                    3,
                    subtask -> s -> switch (subtask) {
                        case 0 -> s % 120 < 60 ? 700 : 200;
                        case 1 -> s % 120 < 60 ? 300 : 650;
                        default -> s > 1200 && s < 1500 ? Double.NaN : 100;
                    },
                    s -> 0,
                    s -> 300)
            .on("tm-3", "host_3")
            .vertex("v-skewed-sink", "skewed_sink", 1, s -> 100, s -> 0, s -> 300)
            .done()
            .job("d0d0d0d0", "restarted")
            .on("tm-2", "host_2")
            .startedAt(TO.minus(Duration.ofMinutes(1)))
            .vertex("v-restarted", "restarted", 1, s -> 990, s -> 600, s -> 10)
            .done();

    @RegisterExtension
    static PrometheusExtension prometheus =
            PrometheusExtension.withOptions(PrometheusOptions.defaults().withBackfill(HISTORY.series()));

    private static final RulePack PACK = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));
    private static final ScalingSettingsLookup DEFAULTS = ScalingSettingsLookup.always(ScalingSettings.DEFAULTS);

    private final CountingPrometheus counting = new CountingPrometheus(
            PrometheusClient.create(HttpEndpoint.open(URI.create(prometheus.baseUrl()), Duration.ofSeconds(10))));
    private final ScalingEvaluator engine = new ScalingEvaluator(
            counting, PACK, EvaluatorSettings.of(Duration.ofSeconds(15), Duration.ofMinutes(2), JobLabels.DEFAULTS));

    private CycleEvaluation evaluateAt(Instant at) {
        EngineState rebuilt = engine.rebuild(at, EngineState.EMPTY, DEFAULTS, Map.of());
        return engine.evaluate(at, rebuilt, DEFAULTS, Map.of());
    }

    @Test
    void scalesUpTheBottleneckWithOneQueryPerRule() {
        counting.instant.set(0);
        counting.range.set(0);

        CycleEvaluation cycle = evaluateAt(TO);

        // Per chunk of history, its raw busy-time samples are an instant query, every other query a range query.
        int rangeQueriesPerChunk = engine.history().queriesPerChunk() - 1;
        assertThat(rangeQueriesPerChunk).isEqualTo(PACK.rules().size() + 5 + 1 + 5);
        assertThat(counting.range.get() % rangeQueriesPerChunk)
                .as("the replay asks the live cycle's queries per chunk of history (one per rule, the workload"
                        + " queries a statistic at a time, the busy-time series for their sample times and highest"
                        + " value) and never needs timestamp() on a real Prometheus")
                .isZero();
        assertThat(counting.instant.get())
                .as("one query per rule, plus the two workload queries, and each chunk's raw busy-time samples")
                .isEqualTo(PACK.rules().size() + 2 + counting.range.get() / rangeQueriesPerChunk);
        assertThat(cycle.prometheus().answered()).isTrue();
        assertThat(cycle.ruleProblems()).isEmpty();
        JobEvaluation orders = job(cycle, "a0a0a0a0");
        assertThat(orders.rules())
                .extracting(RuleReport::state)
                .containsExactly(RuleStatus.FIRING, RuleStatus.INACTIVE, RuleStatus.INACTIVE, RuleStatus.INACTIVE);
        assertThat(orders.rules().get(0).value()).contains(952.0);
        assertThat(orders.rules().get(0).since())
                .as("the replay reaches back to where the condition began")
                .contains(FROM.plus(Duration.ofMinutes(20)));
        assertThat(orders.rules().get(1).value()).contains(0.5);
        assertThat(orders.phase()).isEqualTo(JobPhase.DECIDED);
        assertThat(orders.decision().direction()).isEqualTo(Direction.UP);
        assertThat(orders.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("v-counter"), "counter", 2, 3));
        assertThat(orders.decision().explanation().render())
                .contains(
                        "bottleneck: vertex counter (v-counter) is the busiest at 1000 ms/s busy, 0 ms/s backpressured;"
                                + " backpressure shows upstream of it at Source:_orders (952 ms/s)");
    }

    @Test
    void anIdleJobWaitsOutTheDelayThenIsScaledDownAsADaemonRunningAllAlongWouldHave() {
        JobEvaluation waiting = job(evaluateAt(FROM.plus(Duration.ofMinutes(35))), "b0b0b0b0");
        JobEvaluation decided = job(evaluateAt(TO), "b0b0b0b0");

        assertThat(waiting.rules())
                .extracting(RuleReport::state)
                .containsExactly(RuleStatus.INACTIVE, RuleStatus.INACTIVE, RuleStatus.INACTIVE, RuleStatus.FIRING);
        assertThat(waiting.rules().get(2).value())
                .as("no Kafka source: nothing to lag behind")
                .contains(0.0);
        assertThat(waiting.phase()).isEqualTo(JobPhase.DOWN_CANDIDATE);
        assertThat(waiting.decision().explanation().blockedBy()).get().satisfies(b -> {
            assertThat(b.guard()).isEqualTo(DecisionGuard.SCALE_DOWN_DELAY);
            assertThat(b.detail()).contains("report 4 → 3");
        });
        assertThat(decided.phase())
                .as("busy-low fired at 30m, the delay ended at 40m: evaluate at 60m says what the daemon said then")
                .isEqualTo(JobPhase.DECIDED);
        assertThat(decided.decision().direction()).isEqualTo(Direction.DOWN);
        assertThat(decided.decision().changes().vertices())
                .containsExactly(new ParallelismChange(new VertexId("v-report"), "report", 4, 3));
    }

    @Test
    void aJobWhoseSeriesEndedIsStaleNotLow() {
        JobEvaluation legacy = job(evaluateAt(TO), "c0c0c0c0");

        assertThat(legacy.rules()).allSatisfy(r -> assertThat(r.state()).isEqualTo(RuleStatus.UNKNOWN));
        assertThat(legacy.rules().get(0).reason())
                .contains("stale: the oldest busy-time sample (vertex legacy) is 3m old, more than maxSampleAge 2m");
        assertThat(legacy.decision().direction()).isEqualTo(Direction.NONE);
    }

    @Test
    void aRestartedJobStabilizes() {
        JobEvaluation restarted = job(evaluateAt(TO), "d0d0d0d0");

        assertThat(restarted.phase()).isEqualTo(JobPhase.STABILIZING);
        assertThat(restarted.decision().explanation().reasons())
                .singleElement()
                .isInstanceOfSatisfying(
                        Reason.Blocked.class,
                        b -> assertThat(b.until())
                                .contains(TO.minus(Duration.ofMinutes(1)).plus(Duration.ofMinutes(3))));
    }

    @Test
    void evaluatesAtAPastInstantAsTheDaemonWouldHaveThen() {
        JobEvaluation pending = job(evaluateAt(FROM.plus(Duration.ofMinutes(22))), "a0a0a0a0");
        JobEvaluation fired = job(evaluateAt(FROM.plus(Duration.ofMinutes(25))), "a0a0a0a0");

        assertThat(pending.rules().get(0).state()).isEqualTo(RuleStatus.PENDING);
        assertThat(pending.rules().get(0).since()).contains(FROM.plus(Duration.ofMinutes(20)));
        assertThat(pending.decision().explanation().render())
                .contains("up-rule backpressure is pending: value 952 above 500" + " (clear 300) for 2m of 5m");
        assertThat(fired.rules().get(0).state()).isEqualTo(RuleStatus.FIRING);
        assertThat(fired.phase()).isEqualTo(JobPhase.DECIDED);
    }

    @Test
    void rebuildingFromHistoryAgreesWithHavingEvaluatedAllAlong() {
        EngineState live = EngineState.EMPTY;
        Instant at = FROM.plus(Duration.ofMinutes(17));
        for (; !at.isAfter(FROM.plus(Duration.ofMinutes(24))); at = at.plusSeconds(15)) {
            live = engine.evaluate(at, live, DEFAULTS, Map.of()).state();
        }
        Instant last = at.minusSeconds(15);

        EngineState rebuilt = engine.rebuild(last.plusSeconds(15), EngineState.EMPTY, DEFAULTS, Map.of());

        assertThat(rebuilt.jobs().get(new JobId("a0a0a0a0")).rules())
                .isEqualTo(live.jobs().get(new JobId("a0a0a0a0")).rules());
    }

    @Test
    void anAdvisorRestartNeitherResetsNorSkipsAPendingCondition() {
        JobId orders = new JobId("a0a0a0a0");
        EngineState live = EngineState.EMPTY;
        Instant at = FROM.plus(Duration.ofMinutes(19));
        for (; at.isBefore(FROM.plus(Duration.ofMinutes(22))); at = at.plusSeconds(15)) {
            live = engine.evaluate(at, live, DEFAULTS, Map.of()).state();
        }
        EngineState persisted = EngineStateJson.read(EngineStateJson.write(live));
        assertThat(persisted
                        .jobs()
                        .get(orders)
                        .rules()
                        .get(new RuleName("backpressure"))
                        .status())
                .isEqualTo(RuleStatus.PENDING);

        // The advisor is down for two minutes, then starts again at 24m and rebuilds from the persisted state.
        Instant restart = FROM.plus(Duration.ofMinutes(24));
        EngineState rebuilt = engine.rebuild(restart, persisted, DEFAULTS, Map.of());
        CycleEvaluation atRestart = engine.evaluate(restart, rebuilt, DEFAULTS, Map.of());
        CycleEvaluation fired =
                engine.evaluate(FROM.plus(Duration.ofMinutes(25)), atRestart.state(), DEFAULTS, Map.of());

        RuleReport pending = job(atRestart, "a0a0a0a0").rules().get(0);
        assertThat(pending.state()).isEqualTo(RuleStatus.PENDING);
        assertThat(pending.since())
                .as("the pending condition kept its start")
                .contains(FROM.plus(Duration.ofMinutes(20)));
        assertThat(job(fired, "a0a0a0a0").rules().get(0).state())
                .as("and fires on time")
                .isEqualTo(RuleStatus.FIRING);
    }

    @Test
    void aRestartContinuesFromThePersistedStateAndHistoryAloneRemembersHysteresisToo() {
        // "sticky" fires at 5m (952 ms/s), then sits at 400: below the threshold, above clear, so it keeps firing.
        JobId sticky = new JobId("e0e0e0e0");
        EngineState live = engine.rebuild(FROM.plus(Duration.ofMinutes(12)), EngineState.EMPTY, DEFAULTS, Map.of());
        for (Instant at = FROM.plus(Duration.ofMinutes(12));
                !at.isAfter(FROM.plus(Duration.ofMinutes(50)));
                at = at.plusSeconds(15)) {
            live = engine.evaluate(at, live, DEFAULTS, Map.of()).state();
        }
        assertThat(live.jobs().get(sticky).rule(new RuleName("backpressure")).status())
                .isEqualTo(RuleStatus.FIRING);
        EngineState persisted = EngineStateJson.read(EngineStateJson.write(live));

        Instant restart = FROM.plus(Duration.ofMinutes(58));
        CycleEvaluation continued =
                engine.evaluate(restart, engine.rebuild(restart, persisted, DEFAULTS, Map.of()), DEFAULTS, Map.of());
        CycleEvaluation fromHistoryOnly = engine.evaluate(
                restart, engine.rebuild(restart, EngineState.EMPTY, DEFAULTS, Map.of()), DEFAULTS, Map.of());

        assertThat(job(continued, "e0e0e0e0").rules().get(0).state()).isEqualTo(RuleStatus.FIRING);
        assertThat(job(continued, "e0e0e0e0").rules().get(0).since()).contains(FROM);
        assertThat(job(fromHistoryOnly, "e0e0e0e0").rules().get(0).state())
                .as("48 minutes of 400 ms/s cannot tell that the rule had fired: the replay looks further back")
                .isEqualTo(RuleStatus.FIRING);
        assertThat(job(fromHistoryOnly, "e0e0e0e0").rules().get(0).since()).contains(FROM);
    }

    @Test
    void theReplaysSampleTimeStatisticsAreWhatTheLiveQueryAnswersAtEveryStep() {
        // The replay asks timestamp(busy) once and counts fresh subtasks and the oldest sample itself; the live
        // cycle asks PromQL for both. Over the hour and past the end of every series (a job that ended, a restart).
        WorkloadQueries workload = new WorkloadQueries(JobLabels.DEFAULTS, Duration.ofMinutes(2));
        Instant last = TO.plus(Duration.ofMinutes(6));
        Map<Instant, Set<String>> live = new TreeMap<>();
        Map<Instant, List<InstantSeries>> sampleTimes = new TreeMap<>();
        for (RangeSeries series : matrix(workload.vertexQuery(), last)) {
            String stat = series.labels().valueOrNull(WorkloadQueries.STAT_LABEL);
            if (stat.equals("subtasks") || stat.equals("oldest_sample")) {
                series.samples()
                        .forEach(sample -> live.computeIfAbsent(sample.at(), t -> new TreeSet<>())
                                .add(series.labels() + "=" + sample.value()));
            }
        }
        for (RangeSeries series : matrix(workload.sampleTimesQuery(), last)) {
            series.samples()
                    .forEach(sample -> sampleTimes
                            .computeIfAbsent(sample.at(), t -> new ArrayList<>())
                            .add(new InstantSeries(series.labels(), sample)));
        }
        Map<Instant, Set<String>> replay = new TreeMap<>();
        sampleTimes.forEach((at, series) -> SampleTimeAnswers.statistics(workload, series)
                .forEach(one -> replay.computeIfAbsent(at, t -> new TreeSet<>())
                        .add(one.labels() + "=" + one.sample().value())));

        assertThat(live).hasSizeGreaterThan(240);
        assertThat(replay).isEqualTo(live);
        assertThat(live.get(TO).stream().filter(s -> s.contains("legacy") && s.contains("subtasks")))
                .as("the ended job's subtask is not fresh any more, but its oldest sample is still read")
                .isEmpty();
    }

    @Test
    void theReplaysLoadsAreWhatTheLiveQueriesReadAtEveryStep() {
        // Every figure of every job's load, sample times and fresh subtasks included, over the hour and past the end
        // of every series (a job that ended, a restart).
        Instant last = TO.plus(Duration.ofMinutes(6));
        Iterator<CycleReadings> replay = engine.history().between(FROM, last);
        int steps = 0;
        while (replay.hasNext()) {
            CycleReadings step = replay.next();
            assertThat(step.loads())
                    .as("at %s", step.at())
                    .isEqualTo(engine.read(step.at()).loads());
            steps++;
        }
        assertThat(steps).isGreaterThan(240);
    }

    @Test
    void theReplaysStatisticQueriesAnswerWhatTheJoinedLiveQueriesDo() {
        // The replay asks each workload statistic apart and labels its series itself; the live cycle asks them
        // joined with label_replace and or. Over the hour and past the end of every series.
        WorkloadQueries workload = new WorkloadQueries(JobLabels.DEFAULTS, Duration.ofMinutes(2));
        Instant last = TO.plus(Duration.ofMinutes(6));
        Map<String, String> statistics = new TreeMap<>(workload.vertexStatisticQueries());
        statistics.putAll(workload.jobStatisticQueries());
        Set<String> apart = new TreeSet<>();
        statistics.forEach((statistic, query) -> matrix(query, last)
                .forEach(series ->
                        apart.addAll(samples(series.labels().with(WorkloadQueries.STAT_LABEL, statistic), series))));
        Set<String> joined = new TreeSet<>();
        for (String query : List.of(workload.vertexQuery(), workload.jobQuery())) {
            matrix(query, last).stream()
                    .filter(series -> statistics.containsKey(series.labels().valueOrNull(WorkloadQueries.STAT_LABEL)))
                    .forEach(series -> joined.addAll(samples(series.labels(), series)));
        }

        assertThat(joined).hasSizeGreaterThan(1000);
        assertThat(apart).isEqualTo(joined);
    }

    private static List<String> samples(SeriesLabels labels, RangeSeries series) {
        return series.samples().stream()
                .map(sample -> sample.at() + " " + labels + "=" + sample.value())
                .toList();
    }

    private List<RangeSeries> matrix(String promql, Instant last) {
        QueryOutcome outcome = counting.range(promql, FROM, last, Duration.ofSeconds(15));
        assertThat(outcome).isInstanceOf(QueryOutcome.Answered.class);
        return ((QueryResult.Matrix) ((QueryOutcome.Answered) outcome).result()).series();
    }

    private static JobEvaluation job(CycleEvaluation cycle, String id) {
        return cycle.jobs().stream()
                .filter(j -> j.job().id().value().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no job " + id + " in " + cycle.jobs()));
    }
}
