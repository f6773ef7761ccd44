package dev.scalingadvisor.rules.workload;

import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.SeriesLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * The per-subtask busy-time series grouped by vertex, from which {@link #at} computes the statistics of
 * {@link WorkloadQueries#vertexQuery()} that a replay does not ask Prometheus: {@code oldest_sample} and
 * {@code subtasks} from the series' sample times, and {@code busy_max} from their values. A replay asks the same
 * series for a whole chunk of steps: grouping them once, by their labels, leaves each step only numbers to compare.
 */
public final class BusyTimeVertices {

    /** Statistics per vertex, in the order {@link #at} returns them. */
    private static final int STATISTICS = 3;

    private final List<VertexSeries> vertices = new ArrayList<>();
    private final long freshSeconds;
    /** The most distinct subtasks a vertex has: the size of the one scratch array {@link #at} marks them in. */
    private final int mostSubtasks;

    /** One vertex: the labels of its statistics, its series (by index) and their subtasks (by number). */
    private record VertexSeries(List<SeriesLabels> statistics, int[] series, int[] subtaskOf, int distinctSubtasks) {}

    BusyTimeVertices(List<SeriesLabels> busySeries, JobLabels labels, long freshSeconds) {
        this.freshSeconds = freshSeconds;
        Map<Map<String, String>, int[]> byVertex =
                SeriesGroups.by(busySeries, labels.jobId(), labels.jobName(), labels.vertexId(), labels.vertexName());
        byVertex.forEach((key, series) -> {
            int[] subtaskOf = new int[series.length];
            Map<String, Integer> subtaskNumbers = new HashMap<>();
            for (int k = 0; k < series.length; k++) {
                String index = busySeries.get(series[k]).valueOrNull(labels.subtask());
                subtaskOf[k] = subtaskNumbers.computeIfAbsent(index == null ? "" : index, x -> subtaskNumbers.size());
            }
            vertices.add(new VertexSeries(
                    List.of(
                            statisticLabels(key, WorkloadQueries.Statistic.OLDEST_SAMPLE),
                            statisticLabels(key, WorkloadQueries.Statistic.SUBTASKS),
                            statisticLabels(key, WorkloadQueries.Statistic.BUSY_MAX)),
                    series,
                    subtaskOf,
                    subtaskNumbers.size()));
        });
        mostSubtasks =
                vertices.stream().mapToInt(VertexSeries::distinctSubtasks).max().orElse(0);
    }

    /**
     * The labels of the statistics {@link #at} computes: per vertex, its {@code oldest_sample}, its {@code subtasks}
     * and its {@code busy_max}.
     */
    public List<SeriesLabels> statisticLabels() {
        List<SeriesLabels> labels = new ArrayList<>(STATISTICS * vertices.size());
        vertices.forEach(vertex -> labels.addAll(vertex.statistics()));
        return labels;
    }

    /**
     * What the {@code oldest_sample}, {@code subtasks} and {@code busy_max} parts of {@link
     * WorkloadQueries#vertexQuery()} answer at {@code at}, in the order of {@link #statisticLabels()}, NaN where
     * PromQL answers no series: per vertex with a series present, the earliest sample time, the distinct subtask
     * indexes whose sample is newer than {@code maxSampleAge} (none: no series, as PromQL's {@code count} of
     * nothing), and the highest busy time as PromQL's {@code max} takes it.
     *
     * @param present   whether the series of that index has a sample at {@code at}
     * @param sampledAt that sample's time, in seconds
     * @param busy      that sample's value
     */
    public double[] at(Instant at, IntPredicate present, IntToDoubleFunction sampledAt, IntToDoubleFunction busy) {
        // The same arithmetic as PromQL's time() - N, in float seconds.
        double freshAfter = at.toEpochMilli() / 1000.0 - freshSeconds;
        double[] statistics = new double[STATISTICS * vertices.size()];
        Arrays.fill(statistics, Double.NaN);
        boolean[] fresh = new boolean[mostSubtasks];
        for (int v = 0; v < vertices.size(); v++) {
            VertexSeries vertex = vertices.get(v);
            double oldest = Double.POSITIVE_INFINITY;
            double highest = Double.NaN;
            boolean seen = false;
            Arrays.fill(fresh, 0, vertex.distinctSubtasks(), false);
            int freshSubtasks = 0;
            for (int k = 0; k < vertex.series().length; k++) {
                int series = vertex.series()[k];
                if (!present.test(series)) {
                    continue;
                }
                double value = busy.applyAsDouble(series);
                // Prometheus' max: the first value, replaced by a higher one or when it is NaN; so NaN only when
                // every value is NaN. The order of the series matters only between 0 and -0, which compare equal.
                if (!seen || highest < value || Double.isNaN(highest)) {
                    highest = value;
                }
                seen = true;
                double time = sampledAt.applyAsDouble(series);
                oldest = Math.min(oldest, time);
                if (time > freshAfter && !fresh[vertex.subtaskOf()[k]]) {
                    fresh[vertex.subtaskOf()[k]] = true;
                    freshSubtasks++;
                }
            }
            if (seen) {
                statistics[STATISTICS * v] = oldest;
                if (freshSubtasks > 0) {
                    statistics[STATISTICS * v + 1] = freshSubtasks;
                }
                statistics[STATISTICS * v + 2] = highest;
            }
        }
        return statistics;
    }

    private static SeriesLabels statisticLabels(Map<String, String> vertex, WorkloadQueries.Statistic statistic) {
        Map<String, String> labels = new HashMap<>(vertex);
        labels.put(WorkloadQueries.STAT_LABEL, statistic.label());
        return SeriesLabels.of(labels);
    }
}
