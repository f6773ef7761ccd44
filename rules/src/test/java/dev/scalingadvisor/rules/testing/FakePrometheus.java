package dev.scalingadvisor.rules.testing;

import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.RangeSeries;
import dev.scalingadvisor.rules.query.Sample;
import dev.scalingadvisor.rules.query.SeriesLabels;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prometheus answering from memory, counting the queries it is asked; unknown queries get an empty vector. A
 * range query without an answer of its own is what Prometheus makes of it: the instant answer at each step.
 * Safe to call from several threads: a replay asks its range queries two at a time.
 */
public final class FakePrometheus implements Prometheus {

    private final Map<String, Function<Instant, QueryOutcome>> instant = new HashMap<>();
    private final Map<String, QueryOutcome> range = new HashMap<>();
    public final List<String> instantQueries = new ArrayList<>();
    public final List<String> rangeQueries = new ArrayList<>();

    public FakePrometheus answer(String promql, Function<Instant, QueryOutcome> answer) {
        instant.put(promql, answer);
        return this;
    }

    public FakePrometheus answer(String promql, QueryOutcome answer) {
        return answer(promql, at -> answer);
    }

    public FakePrometheus answerRange(String promql, QueryOutcome answer) {
        range.put(promql, answer);
        return this;
    }

    @Override
    public synchronized QueryOutcome instant(String promql, Instant at) {
        instantQueries.add(promql);
        return instant.getOrDefault(promql, t -> vector(List.of())).apply(at);
    }

    @Override
    public synchronized QueryOutcome range(String promql, Instant start, Instant end, Duration step) {
        rangeQueries.add(promql);
        if (range.containsKey(promql)) {
            return range.get(promql);
        }
        Function<Instant, QueryOutcome> answer = instant.get(promql);
        return answer == null ? rangeOf(t -> vector(List.of()), start, end, step) : rangeOf(answer, start, end, step);
    }

    @Override
    public String displayName() {
        return "fake";
    }

    /**
     * A range answer as Prometheus makes it: the instant answer at each step, joined per series. The steps run
     * from the start's whole millisecond, as the client sends it and Prometheus keeps time.
     */
    public static QueryOutcome rangeOf(
            Function<Instant, QueryOutcome> instantAnswer, Instant start, Instant end, Duration step) {
        Map<SeriesLabels, List<Sample>> series = new LinkedHashMap<>();
        for (Instant t = start.truncatedTo(ChronoUnit.MILLIS); !t.isAfter(end); t = t.plus(step)) {
            if (instantAnswer.apply(t) instanceof QueryOutcome.Answered answered
                    && answered.result() instanceof QueryResult.Vector vector) {
                for (InstantSeries one : vector.series()) {
                    series.computeIfAbsent(one.labels(), k -> new ArrayList<>()).add(one.sample());
                }
            }
        }
        List<RangeSeries> matrix = new ArrayList<>();
        series.forEach((labels, samples) -> matrix.add(new RangeSeries(labels, samples)));
        return new QueryOutcome.Answered(new QueryResult.Matrix(matrix), List.of());
    }

    public static QueryOutcome vector(List<InstantSeries> series) {
        return new QueryOutcome.Answered(new QueryResult.Vector(series), List.of());
    }

    public static InstantSeries series(Map<String, String> labels, Instant at, double value) {
        return new InstantSeries(SeriesLabels.of(labels), new Sample(at, value));
    }
}
