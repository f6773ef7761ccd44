package dev.scalingadvisor.rules.workload;

import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.SeriesLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * The per-subtask series of {@link WorkloadQueries#sampleTimesQuery()} grouped by vertex, from which
 * {@link #at} computes the {@code subtasks} and {@code oldest_sample} statistics at any instant. A replay asks the
 * same series for a whole chunk of steps: grouping them once, by their labels, leaves each step only numbers to
 * compare.
 */
public final class SampleTimeVertices {

    private final List<VertexSeries> vertices = new ArrayList<>();
    private final long freshSeconds;
    /** The most distinct subtasks a vertex has: the size of the one scratch array {@link #at} marks them in. */
    private final int mostSubtasks;

    /** One vertex: the labels of its two statistics, its series (by index) and their subtasks (by number). */
    private record VertexSeries(
            SeriesLabels oldestSample, SeriesLabels subtasks, int[] series, int[] subtaskOf, int distinctSubtasks) {}

    SampleTimeVertices(List<SeriesLabels> sampleTimeSeries, JobLabels labels, long freshSeconds) {
        this.freshSeconds = freshSeconds;
        String[] grouping = {labels.jobId(), labels.jobName(), labels.vertexId(), labels.vertexName()};
        Map<Map<String, String>, List<Integer>> byVertex = new LinkedHashMap<>();
        for (int i = 0; i < sampleTimeSeries.size(); i++) {
            Map<String, String> key = new HashMap<>();
            for (String label : grouping) {
                String value = sampleTimeSeries.get(i).valueOrNull(label);
                if (value != null) {
                    key.put(label, value);
                }
            }
            byVertex.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        byVertex.forEach((key, members) -> {
            int[] series = members.stream().mapToInt(Integer::intValue).toArray();
            int[] subtaskOf = new int[series.length];
            Map<String, Integer> subtaskNumbers = new HashMap<>();
            for (int k = 0; k < series.length; k++) {
                String index = sampleTimeSeries.get(series[k]).valueOrNull(labels.subtask());
                subtaskOf[k] = subtaskNumbers.computeIfAbsent(index == null ? "" : index, x -> subtaskNumbers.size());
            }
            vertices.add(new VertexSeries(
                    statisticLabels(key, WorkloadQueries.Statistic.OLDEST_SAMPLE),
                    statisticLabels(key, WorkloadQueries.Statistic.SUBTASKS),
                    series,
                    subtaskOf,
                    subtaskNumbers.size()));
        });
        mostSubtasks =
                vertices.stream().mapToInt(VertexSeries::distinctSubtasks).max().orElse(0);
    }

    /** The labels of the statistics {@link #at} computes: per vertex, its {@code oldest_sample} and its {@code subtasks}. */
    public List<SeriesLabels> statisticLabels() {
        List<SeriesLabels> labels = new ArrayList<>(2 * vertices.size());
        vertices.forEach(vertex -> {
            labels.add(vertex.oldestSample());
            labels.add(vertex.subtasks());
        });
        return labels;
    }

    /**
     * What the {@code subtasks} and {@code oldest_sample} parts of {@link WorkloadQueries#vertexQuery()} answer at
     * {@code at}, in the order of {@link #statisticLabels()}, NaN where PromQL answers no series: per vertex with a
     * series present, the earliest sample time, and the distinct subtask indexes whose sample is newer than
     * {@code maxSampleAge} (none: no series, as PromQL's {@code count} of nothing).
     *
     * @param present   whether the series of that index has a sample at {@code at}
     * @param sampledAt that sample's value: when the series was sampled, in seconds
     */
    public double[] at(Instant at, IntPredicate present, IntToDoubleFunction sampledAt) {
        // The same arithmetic as PromQL's time() - N, in float seconds.
        double freshAfter = at.toEpochMilli() / 1000.0 - freshSeconds;
        double[] statistics = new double[2 * vertices.size()];
        Arrays.fill(statistics, Double.NaN);
        boolean[] fresh = new boolean[mostSubtasks];
        for (int v = 0; v < vertices.size(); v++) {
            VertexSeries vertex = vertices.get(v);
            double oldest = Double.POSITIVE_INFINITY;
            boolean seen = false;
            Arrays.fill(fresh, 0, vertex.distinctSubtasks(), false);
            int freshSubtasks = 0;
            for (int k = 0; k < vertex.series().length; k++) {
                int series = vertex.series()[k];
                if (!present.test(series)) {
                    continue;
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
                statistics[2 * v] = oldest;
                if (freshSubtasks > 0) {
                    statistics[2 * v + 1] = freshSubtasks;
                }
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
