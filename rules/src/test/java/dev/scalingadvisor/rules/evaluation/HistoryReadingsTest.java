package dev.scalingadvisor.rules.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.RangeSeries;
import dev.scalingadvisor.rules.query.Sample;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.rules.rule.RuleResults;
import dev.scalingadvisor.rules.testing.GeneratedHistory;
import dev.scalingadvisor.rules.testing.RangesAnsweredApart;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How a replay places Prometheus' range samples on its steps. */
class HistoryReadingsTest {

    private static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final RulePack PACK = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));
    private static final EvaluatorSettings SETTINGS =
            EvaluatorSettings.of(STEP, Duration.ofMinutes(2), JobLabels.DEFAULTS);

    @Test
    void placesEverySampleWhenTheRangeStartHasMicroAndNanoseconds() {
        // Given a history, and a replay asked from an instant of the system clock (microseconds and beyond),
        // which Prometheus answers from the whole millisecond (the daemon evaluated every job as steady when
        // no sample landed on a step)
        GeneratedHistory history = new GeneratedHistory(
                7, PACK, new WorkloadQueries(JobLabels.DEFAULTS, SETTINGS.maxSampleAge()), START, STEP, 40, 3);
        HistoryReadings readings = new ScalingEvaluator(history, PACK, SETTINGS).history();
        Instant precise = START.plusNanos(123_456);

        // When the replay reads the steps from that instant and from the whole millisecond
        List<CycleReadings> fromPrecise = all(readings.between(precise, precise.plus(STEP.multipliedBy(39))));
        List<CycleReadings> fromMillis = all(readings.between(START, START.plus(STEP.multipliedBy(39))));

        // Then every step has the same readings as from the millisecond, at Prometheus' instants
        assertThat(fromPrecise).hasSize(40);
        assertThat(fromMillis.stream().allMatch(step -> !step.loads().isEmpty()))
                .as("the history has jobs at every step")
                .isTrue();
        for (int i = 0; i < 40; i++) {
            CycleReadings got = fromPrecise.get(i);
            CycleReadings expected = fromMillis.get(i);
            assertThat(got.at()).isEqualTo(history.at(i));
            assertThat(got.loads()).as("loads at step %d", i).isEqualTo(expected.loads());
            assertThat(jobsPerRule(got)).as("rules at step %d", i).isEqualTo(jobsPerRule(expected));
        }
    }

    @Test
    void asksTheSampleTimesThemselvesWhereTheRawSamplesDoNotReachBackFarEnough() {
        // Given a Prometheus whose raw busy-time samples miss those the steps selected (it looks back further than
        // the raw samples are asked for)
        WorkloadQueries workload = new WorkloadQueries(JobLabels.DEFAULTS, SETTINGS.maxSampleAge());
        GeneratedHistory history = new GeneratedHistory(7, PACK, workload, START, STEP, 40, 3);
        List<String> ranges = new CopyOnWriteArrayList<>();
        Prometheus shortRaw = new Prometheus() {
            @Override
            public QueryOutcome instant(String promql, Instant at) {
                return promql.startsWith(workload.busyQuery() + "[")
                        ? new QueryOutcome.Answered(new QueryResult.Matrix(List.of()), List.of())
                        : history.instant(promql, at);
            }

            @Override
            public QueryOutcome range(String promql, Instant start, Instant end, Duration step) {
                ranges.add(promql);
                return history.range(promql, start, end, step);
            }

            @Override
            public String displayName() {
                return "raw samples short";
            }
        };
        Instant last = START.plus(STEP.multipliedBy(39));

        // When the replay reads it in chunks of 10 steps
        List<CycleReadings> got = all(new ScalingEvaluator(shortRaw, PACK, SETTINGS)
                .history()
                .inChunksOf(10)
                .between(START, last));

        // Then each chunk asked timestamp() instead, and every step reads what the raw samples give elsewhere
        assertThat(ranges.stream().filter(workload.sampleTimesQuery()::equals)).hasSize(4);
        List<CycleReadings> expected =
                all(new ScalingEvaluator(history, PACK, SETTINGS).history().between(START, last));
        assertThat(got).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(got.get(i).loads())
                    .as("loads at step %d", i)
                    .isEqualTo(expected.get(i).loads());
        }
        assertThat(expected.stream().allMatch(step -> !step.loads().isEmpty()))
                .as("the history has jobs at every step")
                .isTrue();
    }

    @Test
    void placesASampleOnItsNearestStepWhenTheServerKeepsAnotherGrid() {
        // Given a Prometheus-compatible server that answers a range 2 ms off the steps asked for
        GeneratedHistory history = new GeneratedHistory(
                7, PACK, new WorkloadQueries(JobLabels.DEFAULTS, SETTINGS.maxSampleAge()), START, STEP, 20, 3);
        Prometheus shifted = new RangesAnsweredApart(
                history,
                (promql, start, end, step) -> {
                    QueryOutcome.Answered answered = (QueryOutcome.Answered) history.range(promql, start, end, step);
                    List<RangeSeries> series = ((QueryResult.Matrix) answered.result())
                            .series().stream()
                                    .map(one -> new RangeSeries(
                                            one.labels(),
                                            one.samples().stream()
                                                    .map(s -> new Sample(s.at().plusMillis(2), s.value()))
                                                    .toList()))
                                    .toList();
                    return new QueryOutcome.Answered(new QueryResult.Matrix(series), answered.warnings());
                },
                "shifted");
        Instant last = START.plus(STEP.multipliedBy(19));

        // When the replay reads it, Then each step has what the exact grid gives
        List<CycleReadings> got =
                all(new ScalingEvaluator(shifted, PACK, SETTINGS).history().between(START, last));
        List<CycleReadings> expected =
                all(new ScalingEvaluator(history, PACK, SETTINGS).history().between(START, last));
        for (int i = 0; i < 20; i++) {
            assertThat(got.get(i).loads())
                    .as("loads at step %d", i)
                    .isEqualTo(expected.get(i).loads());
            assertThat(jobsPerRule(got.get(i))).as("rules at step %d", i).isEqualTo(jobsPerRule(expected.get(i)));
        }
    }

    @Test
    void asksTwoQueriesAtATimeAndTheNextChunkBeforeTheCurrentOneIsStepped() throws InterruptedException {
        // Given a history of 40 steps on a Prometheus that takes a moment to answer and counts the queries it is
        // answering at once
        GeneratedHistory history = new GeneratedHistory(
                7, PACK, new WorkloadQueries(JobLabels.DEFAULTS, SETTINGS.maxSampleAge()), START, STEP, 40, 3);
        AtomicInteger answering = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        Prometheus slow = new Prometheus() {
            @Override
            public QueryOutcome instant(String promql, Instant at) {
                return slowly(() -> history.instant(promql, at));
            }

            @Override
            public QueryOutcome range(String promql, Instant start, Instant end, Duration step) {
                return slowly(() -> history.range(promql, start, end, step));
            }

            private QueryOutcome slowly(Supplier<QueryOutcome> answer) {
                asked.incrementAndGet();
                mostAtOnce.accumulateAndGet(answering.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                    return answer.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } finally {
                    answering.decrementAndGet();
                }
            }

            @Override
            public String displayName() {
                return "slow";
            }
        };
        Instant last = START.plus(STEP.multipliedBy(39));
        HistoryReadings chunked =
                new ScalingEvaluator(slow, PACK, SETTINGS).history().inChunksOf(10);

        // When the replay reads the first step
        Iterator<CycleReadings> steps = chunked.between(START, last);
        steps.next();

        // Then the first chunk's queries have been answered and the second chunk's asked, two at a time at most
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (asked.get() < 2 * chunked.queriesPerChunk() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(asked.get())
                .as("queries asked while the first chunk is stepped")
                .isEqualTo(2 * chunked.queriesPerChunk());
        assertThat(mostAtOnce.get()).isEqualTo(HistoryReadings.CONCURRENT_QUERIES);

        // And the readings are those of one query at a time, a step per chunk, in the pack's order
        List<CycleReadings> got = new ArrayList<>();
        got.add(null);
        steps.forEachRemaining(got::add);
        List<CycleReadings> expected = all(new ScalingEvaluator(history, PACK, SETTINGS)
                .history()
                .inChunksOf(1)
                .between(START, last));
        assertThat(got).hasSize(40);
        assertThat(asked.get()).isEqualTo(4 * chunked.queriesPerChunk());
        for (int i = 1; i < 40; i++) {
            assertThat(got.get(i).loads())
                    .as("loads at step %d", i)
                    .isEqualTo(expected.get(i).loads());
            assertThat(jobsPerRule(got.get(i))).as("rules at step %d", i).isEqualTo(jobsPerRule(expected.get(i)));
        }
    }

    private static List<CycleReadings> all(Iterator<CycleReadings> steps) {
        List<CycleReadings> all = new ArrayList<>();
        steps.forEachRemaining(all::add);
        return all;
    }

    private static List<Object> jobsPerRule(CycleReadings readings) {
        return readings.rules().stream()
                .map(RuleResults::jobs)
                .map(Object.class::cast)
                .toList();
    }
}
