package dev.scalingadvisor.rules.workload;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.SeriesLabels;
import dev.scalingadvisor.rules.workload.WorkloadQueries.Statistic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;

/**
 * Which job, vertex and statistic each series of the two workload answers is ({@link WorkloadQueries#vertexQuery()},
 * {@link WorkloadQueries#jobQuery()}), read from their labels once; {@link #loads} turns the series' values at one
 * instant into each job's load. The live cycle lays out the answers it gets; a replay lays out a chunk's series
 * once and reads every step's values with it, which spares it reading every label of every series at every step.
 */
public final class WorkloadAnswerLayout {

    /** A series of no job, vertex or known statistic: ignored. */
    private static final int IGNORED = -1;

    private final List<JobId> jobs = new ArrayList<>();
    private final List<VertexId> vertices = new ArrayList<>();
    private final SeriesRoles vertexSeries;
    private final SeriesRoles jobSeries;

    /**
     * Per series of one answer: the index of its job (or {@link #IGNORED}), of its vertex, its statistic, and the
     * names and topic its labels give.
     */
    private record SeriesRoles(
            int[] job, int[] vertex, Statistic[] statistic, String[] jobName, String[] vertexName, String[] topic) {
        SeriesRoles(int size) {
            this(
                    new int[size],
                    new int[size],
                    new Statistic[size],
                    new String[size],
                    new String[size],
                    new String[size]);
        }
    }

    WorkloadAnswerLayout(List<SeriesLabels> vertexAnswer, List<SeriesLabels> jobAnswer, JobLabels labels) {
        Map<String, Integer> jobIndex = new HashMap<>();
        Map<List<String>, Integer> vertexIndex = new HashMap<>();
        vertexSeries = new SeriesRoles(vertexAnswer.size());
        for (int i = 0; i < vertexAnswer.size(); i++) {
            SeriesLabels l = vertexAnswer.get(i);
            String job = l.valueOrNull(labels.jobId());
            String vertex = l.valueOrNull(labels.vertexId());
            Statistic statistic = Statistic.named(l.valueOrNull(WorkloadQueries.STAT_LABEL));
            if (job == null || vertex == null || statistic == null) {
                vertexSeries.job()[i] = IGNORED;
                continue;
            }
            int jobAt = index(jobIndex, job);
            vertexSeries.job()[i] = jobAt;
            vertexSeries.vertex()[i] = vertexIndex.computeIfAbsent(List.of(job, vertex), key -> {
                vertices.add(new VertexId(vertex));
                return vertices.size() - 1;
            });
            vertexSeries.statistic()[i] = statistic;
            vertexSeries.jobName()[i] = nameOf(l, labels.jobName());
            vertexSeries.vertexName()[i] = nameOf(l, labels.vertexName());
            vertexSeries.topic()[i] = l.valueOrNull(WorkloadQueries.TOPIC);
        }
        jobSeries = new SeriesRoles(jobAnswer.size());
        for (int i = 0; i < jobAnswer.size(); i++) {
            SeriesLabels l = jobAnswer.get(i);
            String job = l.valueOrNull(labels.jobId());
            Statistic statistic = Statistic.named(l.valueOrNull(WorkloadQueries.STAT_LABEL));
            if (job == null || statistic == null) {
                jobSeries.job()[i] = IGNORED;
                continue;
            }
            jobSeries.job()[i] = index(jobIndex, job);
            jobSeries.statistic()[i] = statistic;
            jobSeries.jobName()[i] = nameOf(l, labels.jobName());
        }
    }

    private int index(Map<String, Integer> jobIndex, String job) {
        return jobIndex.computeIfAbsent(job, id -> {
            jobs.add(new JobId(id));
            return jobs.size() - 1;
        });
    }

    /**
     * Each job's load from the series' values at one instant, jobs in the order their first series comes; a NaN
     * value counts as an absent series.
     */
    public Map<JobId, JobLoad> loads(IntToDoubleFunction vertexValue, IntToDoubleFunction jobValue) {
        JobBuilder[] jobBuilders = new JobBuilder[jobs.size()];
        VertexBuilder[] vertexBuilders = new VertexBuilder[vertices.size()];
        List<JobBuilder> order = new ArrayList<>();
        for (int i = 0; i < vertexSeries.job().length; i++) {
            int job = vertexSeries.job()[i];
            if (job == IGNORED) {
                continue;
            }
            double value = vertexValue.applyAsDouble(i);
            if (Double.isNaN(value)) {
                continue;
            }
            JobBuilder builder = builder(jobBuilders, job, vertexSeries.jobName()[i], order);
            int vertex = vertexSeries.vertex()[i];
            VertexBuilder v = vertexBuilders[vertex];
            if (v == null) {
                v = new VertexBuilder(vertices.get(vertex), vertexSeries.vertexName()[i]);
                vertexBuilders[vertex] = v;
                builder.vertices.add(v);
            }
            if (vertexSeries.statistic()[i] == Statistic.PARTITIONS) {
                v.addPartitions(vertexSeries.topic()[i], value);
            } else {
                v.stats[vertexSeries.statistic()[i].ordinal()] = value;
            }
        }
        for (int i = 0; i < jobSeries.job().length; i++) {
            int job = jobSeries.job()[i];
            if (job == IGNORED) {
                continue;
            }
            double value = jobValue.applyAsDouble(i);
            if (!Double.isNaN(value)) {
                builder(jobBuilders, job, jobSeries.jobName()[i], order).stats[jobSeries.statistic()[i].ordinal()] =
                        value;
            }
        }
        Map<JobId, JobLoad> result = new LinkedHashMap<>();
        for (JobBuilder builder : order) {
            result.put(builder.id, builder.build());
        }
        return result;
    }

    private JobBuilder builder(JobBuilder[] builders, int job, String name, List<JobBuilder> order) {
        if (builders[job] == null) {
            builders[job] = new JobBuilder(jobs.get(job), name);
            order.add(builders[job]);
        }
        return builders[job];
    }

    private static String nameOf(SeriesLabels labels, String label) {
        String name = labels.valueOrNull(label);
        return name == null ? "" : name;
    }

    private static final class JobBuilder {
        private final JobId id;
        private final String name;
        /** In the order the step's series first named them. */
        private final List<VertexBuilder> vertices = new ArrayList<>();

        private final double[] stats = absent();

        private JobBuilder(JobId id, String name) {
            this.id = id;
            this.name = name;
        }

        private JobLoad build() {
            Map<VertexId, VertexLoad> loads = new LinkedHashMap<>();
            vertices.stream().sorted(Comparator.comparing(v -> v.name)).forEach(v -> loads.put(v.id, v.build()));
            double uptime = stats[Statistic.UPTIME_MS.ordinal()];
            Optional<Duration> up = Double.isFinite(uptime) && uptime >= 0
                    ? Optional.of(Duration.ofMillis(Math.round(uptime)))
                    : Optional.empty();
            return new JobLoad(
                    id,
                    name,
                    loads,
                    up,
                    stat(stats, Statistic.HOST_CPU_MIN),
                    stat(stats, Statistic.BACKLOG),
                    stat(stats, Statistic.BACKLOG_GROWTH),
                    stat(stats, Statistic.SOURCE_RATE));
        }
    }

    private static final class VertexBuilder {
        private final VertexId id;
        private final String name;
        private final double[] stats = absent();
        private final SortedSet<String> topics = new TreeSet<>();
        private int partitions;

        private VertexBuilder(VertexId id, String name) {
            this.id = id;
            this.name = name;
        }

        private VertexLoad build() {
            double subtasks = stats[Statistic.SUBTASKS.ordinal()];
            double oldest = stats[Statistic.OLDEST_SAMPLE.ordinal()];
            return new VertexLoad(
                    id,
                    name,
                    stat(stats, Statistic.BUSY_AVG),
                    stat(stats, Statistic.BUSY_MAX),
                    stat(stats, Statistic.BACKPRESSURE_AVG),
                    Double.isFinite(subtasks) ? OptionalInt.of((int) Math.round(subtasks)) : OptionalInt.empty(),
                    Double.isFinite(oldest)
                            ? Optional.of(Instant.ofEpochMilli(Math.round(oldest * 1000)))
                            : Optional.empty(),
                    stat(stats, Statistic.RECORDS_IN),
                    stat(stats, Statistic.RECORDS_OUT),
                    partitions > 0
                            ? Optional.of(new SourcePartitions(partitions, List.copyOf(topics)))
                            : Optional.empty());
        }

        /** One topic's partition count; a source may read several topics. */
        private void addPartitions(String topic, double count) {
            if (Double.isFinite(count) && count >= 1) {
                partitions += (int) Math.round(count);
                if (topic != null) {
                    topics.add(topic);
                }
            }
        }
    }

    private static double[] absent() {
        double[] stats = new double[Statistic.values().length];
        Arrays.fill(stats, Double.NaN);
        return stats;
    }

    private static OptionalDouble stat(double[] stats, Statistic statistic) {
        double value = stats[statistic.ordinal()];
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
