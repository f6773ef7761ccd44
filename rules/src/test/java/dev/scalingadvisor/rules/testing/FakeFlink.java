package dev.scalingadvisor.rules.testing;

import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flink jobs as the workload queries would see them in Prometheus: answers for the vertex and job queries,
 * computed at the asked instant (so a vertex's samples can be made to age).
 */
public final class FakeFlink {

    private final Map<String, Job> jobs = new LinkedHashMap<>();

    public Job job(String id, String name) {
        return jobs.computeIfAbsent(id, k -> new Job(id, name));
    }

    /** Wires both workload queries of {@code queries} into {@code prometheus}, and the vertex query as a replay asks it. */
    public FakePrometheus into(FakePrometheus prometheus, WorkloadQueries queries) {
        prometheus
                .answer(queries.vertexQuery(), this::vertexAnswer)
                .answer(queries.jobQuery(), this::jobAnswer)
                .answer(
                        queries.sampleTimesQuery(),
                        at -> FakePrometheus.vector(SampleTimeAnswers.sampleTimes(vertexSeries(at), at)))
                // Present where they have a sample time. Their raw samples go unanswered: a vertex's samples may be
                // made to age at will, which no real scrape does, so the replay asks the sample times themselves.
                .answer(queries.busyQuery(), at -> FakePrometheus.vector(SampleTimeAnswers.busy(vertexSeries(at), at)))
                .answer(queries.hostCpuQuery(), at -> FakePrometheus.vector(SampleTimeAnswers.hostCpu(jobSeries(at))));
        queries.vertexStatisticQueries()
                .forEach((statistic, query) -> prometheus.answer(
                        query, at -> FakePrometheus.vector(SampleTimeAnswers.statistic(vertexSeries(at), statistic))));
        queries.jobStatisticQueries()
                .forEach((statistic, query) -> prometheus.answer(
                        query, at -> FakePrometheus.vector(SampleTimeAnswers.statistic(jobSeries(at), statistic))));
        return prometheus;
    }

    public QueryOutcome vertexAnswer(Instant at) {
        return FakePrometheus.vector(vertexSeries(at));
    }

    private List<InstantSeries> vertexSeries(Instant at) {
        List<InstantSeries> series = new ArrayList<>();
        for (Job job : jobs.values()) {
            for (Vertex v : job.vertices.values()) {
                Map<String, String> labels =
                        Map.of("job_id", job.id, "job_name", job.name, "task_id", v.id, "task_name", v.name);
                series.add(stat(labels, "busy_avg", at, v.busy));
                series.add(stat(labels, "busy_max", at, v.hottest));
                series.add(stat(labels, "backpressure_avg", at, v.backpressure));
                series.add(stat(labels, "subtasks", at, v.parallelism));
                series.add(stat(labels, "oldest_sample", at, (at.toEpochMilli() - v.sampleAge.toMillis()) / 1000.0));
                series.add(stat(labels, "records_in", at, v.recordsIn));
                series.add(stat(labels, "records_out", at, v.recordsIn));
            }
        }
        return series;
    }

    public QueryOutcome jobAnswer(Instant at) {
        return FakePrometheus.vector(jobSeries(at));
    }

    private List<InstantSeries> jobSeries(Instant at) {
        List<InstantSeries> series = new ArrayList<>();
        for (Job job : jobs.values()) {
            Map<String, String> labels = Map.of("job_id", job.id, "job_name", job.name);
            if (job.startedAt != null) {
                series.add(stat(
                        labels,
                        "uptime_ms",
                        at,
                        Duration.between(job.startedAt, at).toMillis()));
            }
            if (job.hostCpu != null) {
                series.add(stat(labels, "host_cpu_min", at, job.hostCpu));
            }
        }
        return series;
    }

    private static InstantSeries stat(Map<String, String> labels, String stat, Instant at, double value) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(WorkloadQueries.STAT_LABEL, stat);
        return FakePrometheus.series(all, at, value);
    }

    /** One job. */
    public static final class Job {
        final String id;
        final String name;
        final Map<String, Vertex> vertices = new LinkedHashMap<>();
        public Instant startedAt;
        public Double hostCpu;

        Job(String id, String name) {
            this.id = id;
            this.name = name;
        }

        public Vertex vertex(String id, String name, int parallelism, double busy, double backpressure) {
            Vertex v = new Vertex(id, name, parallelism, busy, backpressure);
            vertices.put(id, v);
            return v;
        }

        public Vertex vertex(String id) {
            return vertices.get(id);
        }
    }

    /** One vertex; busy and backpressure in ms/s. */
    public static final class Vertex {
        final String id;
        final String name;
        public int parallelism;
        public double busy;
        public double hottest;
        public double backpressure;
        public double recordsIn = 1000;
        public Duration sampleAge = Duration.ofSeconds(5);

        Vertex(String id, String name, int parallelism, double busy, double backpressure) {
            this.id = id;
            this.name = name;
            this.parallelism = parallelism;
            this.busy = busy;
            this.hottest = busy;
            this.backpressure = backpressure;
        }
    }
}
