package dev.scalingadvisor.benchmarks;

import dev.scalingadvisor.testbed.prometheus.OpenMetricsFile;
import dev.scalingadvisor.testbed.prometheus.SyntheticSeries;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fleet of Flink jobs for benchmarks: each job has a source (parallelism 2), a keyed map (4) and a sink
 * (2); a third of them have their map as the bottleneck (source backpressured), a third are idle, a third
 * are busy but fine. Ten TaskManagers on five hosts share them; the history has a sample a minute.
 */
public final class Fleet {

    /** The evaluation interval. */
    public static final Duration STEP = Duration.ofSeconds(15);
    /** How often the history has a sample: a 60 s scrape interval keeps a thousand jobs' backfill small. */
    static final Duration SCRAPE = Duration.ofSeconds(60);

    private static final String TASK = "flink_taskmanager_job_task_";
    /** When every job started: long before any history, so none is seen restarting (a day's file or the next). */
    private static final Instant STARTED = Instant.parse("2020-01-01T00:00:00Z");

    /** One vertex: id suffix, name, parallelism. */
    record VertexShape(String suffix, String name, int parallelism) {}

    static final List<VertexShape> VERTICES = List.of(
            new VertexShape("src", "Source:_events", 2),
            new VertexShape("map", "keyed_map", 4),
            new VertexShape("sink", "Sink:_out", 2));

    private final int jobs;

    public Fleet(int jobs) {
        this.jobs = jobs;
    }

    public int jobs() {
        return jobs;
    }

    static String jobId(int job) {
        return String.format(Locale.ROOT, "%032x", 0xA0000000L + job);
    }

    static String jobName(int job) {
        return "job_" + job;
    }

    static String tm(int job) {
        return "tm-" + (job % 10);
    }

    static String host(int job) {
        return "host_" + (job % 5);
    }

    /** Busy time (ms/s) of a vertex of a job. */
    static double busy(int job, String vertex) {
        return switch (job % 3) {
            case 0 -> vertex.equals("map") ? 1000 : 60;
            case 1 -> 80;
            default -> vertex.equals("map") ? 600 : 300;
        };
    }

    /** Backpressured time (ms/s). */
    static double backpressure(int job, String vertex) {
        return job % 3 == 0 && vertex.equals("src") ? 930 : 0;
    }

    /** Labels of one subtask's task metrics, as Flink's reporter writes them. */
    static Map<String, String> taskLabels(int job, VertexShape vertex, int subtask) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job_id", jobId(job));
        labels.put("job_name", jobName(job));
        labels.put("task_id", jobId(job).substring(0, 24) + vertex.suffix());
        labels.put("task_name", vertex.name());
        labels.put("subtask_index", Integer.toString(subtask));
        labels.put("task_attempt_num", "0");
        labels.put("tm_id", tm(job));
        labels.put("host", host(job));
        return labels;
    }

    /** The metrics of the history, one family each. */
    static final List<String> FAMILIES = List.of(
            "flink_taskmanager_Status_JVM_CPU_Load",
            "flink_jobmanager_job_uptime",
            TASK + "busyTimeMsPerSecond",
            TASK + "backPressuredTimeMsPerSecond",
            TASK + "idleTimeMsPerSecond",
            TASK + "numRecordsInPerSecond",
            TASK + "numRecordsOutPerSecond");

    /** The fleet's metric history from {@code from} to {@code to}, a sample a minute, for backfilling a real Prometheus. */
    public List<SyntheticSeries> history(Instant from, Instant to) {
        List<SyntheticSeries> series = new ArrayList<>();
        FAMILIES.forEach(metric -> series.addAll(family(metric, from, to)));
        return series;
    }

    /**
     * The same history as OpenMetrics text for {@code promtool tsdb create-blocks-from openmetrics}, a family at a
     * time, so that a week of it need not fit in memory.
     */
    public void writeOpenMetrics(Instant from, Instant to, Writer out) throws IOException {
        for (String metric : FAMILIES) {
            OpenMetricsFile.appendFamily(out, metric, family(metric, from, to));
        }
        OpenMetricsFile.appendEnd(out);
    }

    /** Every series of one metric. */
    private List<SyntheticSeries> family(String metric, Instant from, Instant to) {
        List<SyntheticSeries> series = new ArrayList<>();
        if (metric.equals("flink_taskmanager_Status_JVM_CPU_Load")) {
            for (int tm = 0; tm < 10; tm++) {
                series.add(SyntheticSeries.of(metric, Map.of("tm_id", "tm-" + tm, "host", "host_" + (tm % 5)))
                        .every(SCRAPE, from, to, s -> 0.45)
                        .build());
            }
            return series;
        }
        for (int job = 0; job < jobs; job++) {
            final int j = job;
            if (metric.equals("flink_jobmanager_job_uptime")) {
                series.add(SyntheticSeries.of(metric, Map.of("job_id", jobId(j), "job_name", jobName(j)))
                        .every(SCRAPE, from, to, s -> (from.getEpochSecond() - STARTED.getEpochSecond() + s) * 1000)
                        .build());
                continue;
            }
            for (VertexShape vertex : VERTICES) {
                for (int subtask = 0; subtask < vertex.parallelism(); subtask++) {
                    double busy = busy(j, vertex.suffix());
                    double backpressure = backpressure(j, vertex.suffix());
                    double value = switch (metric.substring(TASK.length())) {
                        case "busyTimeMsPerSecond" -> busy;
                        case "backPressuredTimeMsPerSecond" -> backpressure;
                        case "idleTimeMsPerSecond" -> 1000 - busy - backpressure;
                        default -> 500;
                    };
                    series.add(SyntheticSeries.of(metric, taskLabels(j, vertex, subtask))
                            .every(SCRAPE, from, to, s -> value)
                            .build());
                }
            }
        }
        return series;
    }
}
