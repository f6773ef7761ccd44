package dev.scalingadvisor.benchmarks;

import dev.scalingadvisor.testbed.prometheus.SyntheticSeries;
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

    /** The fleet's metric history from {@code from} to {@code to}, every 15 s, for backfilling a real Prometheus. */
    public List<SyntheticSeries> history(Instant from, Instant to) {
        List<SyntheticSeries> series = new ArrayList<>();
        for (int tm = 0; tm < 10; tm++) {
            series.add(SyntheticSeries.of(
                            "flink_taskmanager_Status_JVM_CPU_Load",
                            Map.of("tm_id", "tm-" + tm, "host", "host_" + (tm % 5)))
                    .every(SCRAPE, from, to, s -> 0.45)
                    .build());
        }
        for (int job = 0; job < jobs; job++) {
            final int j = job;
            series.add(SyntheticSeries.of(
                            "flink_jobmanager_job_uptime", Map.of("job_id", jobId(j), "job_name", jobName(j)))
                    .every(SCRAPE, from, to, s -> 86_400_000 + s * 1000)
                    .build());
            for (VertexShape vertex : VERTICES) {
                for (int subtask = 0; subtask < vertex.parallelism(); subtask++) {
                    Map<String, String> labels = taskLabels(j, vertex, subtask);
                    double busy = busy(j, vertex.suffix());
                    double backpressure = backpressure(j, vertex.suffix());
                    series.add(gauge("busyTimeMsPerSecond", labels, from, to, busy));
                    series.add(gauge("backPressuredTimeMsPerSecond", labels, from, to, backpressure));
                    series.add(gauge("idleTimeMsPerSecond", labels, from, to, 1000 - busy - backpressure));
                    series.add(gauge("numRecordsInPerSecond", labels, from, to, 500));
                    series.add(gauge("numRecordsOutPerSecond", labels, from, to, 500));
                }
            }
        }
        return series;
    }

    private static SyntheticSeries gauge(
            String metric, Map<String, String> labels, Instant from, Instant to, double value) {
        return SyntheticSeries.of(TASK + metric, labels)
                .every(SCRAPE, from, to, s -> value)
                .build();
    }
}
