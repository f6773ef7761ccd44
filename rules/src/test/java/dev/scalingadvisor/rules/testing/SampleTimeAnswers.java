package dev.scalingadvisor.rules.testing;

import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.Sample;
import dev.scalingadvisor.rules.query.SeriesLabels;
import dev.scalingadvisor.rules.workload.BusyTimeVertices;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake's answer to a live workload query split as a replay asks it: a statistic at a time, and per-subtask
 * sample times from which {@code subtasks} and {@code oldest_sample} come out as the fake gave them
 * ({@code subtasks} subtasks sampled at the evaluation instant, and a restarted attempt of subtask 0 last sampled
 * at {@code oldest_sample}, which an old sample does not count twice), and the same per-subtask busy-time series
 * valued so that {@code busy_max} comes out as the fake gave it. Each job runs on a host of its own, whose CPU load
 * is the job's {@code host_cpu_min}.
 */
public final class SampleTimeAnswers {

    private static final String SUBTASKS = "subtasks";
    private static final String OLDEST = "oldest_sample";
    private static final String BUSY_MAX = "busy_max";
    private static final String HOST_CPU_MIN = "host_cpu_min";

    private SampleTimeAnswers() {}

    /**
     * What the query of {@code statistic} alone answers ({@link WorkloadQueries#vertexStatisticQueries}): its series
     * of a joined answer, without the label that told them apart there.
     */
    public static List<InstantSeries> statistic(List<InstantSeries> joinedAnswer, String statistic) {
        List<InstantSeries> result = new ArrayList<>();
        for (InstantSeries series : joinedAnswer) {
            if (statistic.equals(stat(series))) {
                Map<String, String> labels = new HashMap<>(series.labels().values());
                labels.remove(WorkloadQueries.STAT_LABEL);
                result.add(new InstantSeries(SeriesLabels.of(labels), series.sample()));
            }
        }
        return result;
    }

    /**
     * The {@code subtasks} and {@code oldest_sample} statistics the replay computes from {@code sampleTimes}, the
     * answer of {@link WorkloadQueries#sampleTimesQuery()} at one instant, as series of the live vertex query.
     */
    public static List<InstantSeries> statistics(WorkloadQueries workload, List<InstantSeries> sampleTimes) {
        if (sampleTimes.isEmpty()) {
            return List.of();
        }
        Instant at = sampleTimes.get(0).sample().at();
        BusyTimeVertices vertices = workload.busyTimeVertices(
                sampleTimes.stream().map(InstantSeries::labels).toList());
        double[] values = vertices.at(
                at, series -> true, series -> sampleTimes.get(series).sample().value(), series -> Double.NaN);
        List<InstantSeries> statistics = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            SeriesLabels labels = vertices.statisticLabels().get(i);
            if (!Double.isNaN(values[i]) && !BUSY_MAX.equals(labels.valueOrNull(WorkloadQueries.STAT_LABEL))) {
                statistics.add(new InstantSeries(labels, new Sample(at, values[i])));
            }
        }
        return statistics;
    }

    /**
     * What the busy-time series answer for the vertices of a vertex answer at {@code at}: the series of {@link
     * #sampleTimes} with their metric name, each valued at its vertex's {@code busy_max} (NaN for a vertex without
     * one), so that their highest is that statistic.
     */
    public static List<InstantSeries> busy(List<InstantSeries> vertexAnswer, Instant at) {
        Map<Map<String, String>, Double> highest = new HashMap<>();
        for (InstantSeries series : vertexAnswer) {
            if (BUSY_MAX.equals(stat(series))) {
                highest.put(vertex(series), series.sample().value());
            }
        }
        List<InstantSeries> result = new ArrayList<>();
        for (InstantSeries sampled : sampleTimes(vertexAnswer, at)) {
            Map<String, String> labels = new HashMap<>(sampled.labels().values());
            double value = highest.getOrDefault(vertexOf(labels), Double.NaN);
            labels.put("__name__", "flink_taskmanager_job_task_busyTimeMsPerSecond");
            result.add(new InstantSeries(SeriesLabels.of(labels), new Sample(at, value)));
        }
        return result;
    }

    private static Map<String, String> vertex(InstantSeries statistic) {
        Map<String, String> vertex = new HashMap<>(statistic.labels().values());
        vertex.remove(WorkloadQueries.STAT_LABEL);
        return vertex;
    }

    /** The vertex labels of a subtask's series made by {@link #subtask}. */
    private static Map<String, String> vertexOf(Map<String, String> subtask) {
        Map<String, String> vertex = new HashMap<>(subtask);
        vertex.remove("subtask_index");
        vertex.remove("task_attempt_id");
        vertex.remove("host");
        return vertex;
    }

    /**
     * What {@link WorkloadQueries#hostCpuQuery()} answers for the jobs of a job answer: each job's host, loaded as
     * its {@code host_cpu_min}. The replay's {@code host_cpu_min} is then the fake's wherever the job has busy-time
     * series, as the live query's join is.
     */
    public static List<InstantSeries> hostCpu(List<InstantSeries> jobAnswer) {
        List<InstantSeries> result = new ArrayList<>();
        for (InstantSeries series : jobAnswer) {
            if (HOST_CPU_MIN.equals(stat(series))) {
                result.add(new InstantSeries(
                        SeriesLabels.of(Map.of("host", hostOf(series.labels().valueOrNull("job_id")))),
                        series.sample()));
            }
        }
        return result;
    }

    private static String hostOf(String jobId) {
        return "host_of_" + jobId;
    }

    /** What {@code timestamp(busy)} answers for the vertices of a vertex answer at {@code at}. */
    public static List<InstantSeries> sampleTimes(List<InstantSeries> vertexAnswer, Instant at) {
        List<InstantSeries> result = new ArrayList<>();
        for (InstantSeries series : vertexAnswer) {
            Map<String, String> vertex = vertex(series);
            if (SUBTASKS.equals(stat(series))) {
                for (int index = 0; index < Math.round(series.sample().value()); index++) {
                    result.add(subtask(vertex, index, "now", at, at.toEpochMilli() / 1000.0));
                }
            } else if (OLDEST.equals(stat(series))) {
                result.add(subtask(vertex, 0, "restarted", at, series.sample().value()));
            }
        }
        return result;
    }

    private static InstantSeries subtask(
            Map<String, String> vertex, int index, String attempt, Instant at, double sampledAt) {
        Map<String, String> labels = new HashMap<>(vertex);
        labels.put("subtask_index", Integer.toString(index));
        labels.put("task_attempt_id", attempt);
        labels.put("host", hostOf(vertex.get("job_id")));
        return new InstantSeries(SeriesLabels.of(labels), new Sample(at, sampledAt));
    }

    private static String stat(InstantSeries series) {
        return series.labels().valueOrNull(WorkloadQueries.STAT_LABEL);
    }
}
