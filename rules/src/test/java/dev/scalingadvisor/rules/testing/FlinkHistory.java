package dev.scalingadvisor.rules.testing;

import dev.scalingadvisor.testbed.prometheus.SyntheticSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;

/**
 * Metric history as Flink 1.20's Prometheus reporter would have exported it, for backfilling a real
 * Prometheus: per-subtask task metrics with the reporter's labels, TaskManager CPU, job uptime. Values
 * are functions of the seconds since {@code from}; samples every {@code step}.
 */
public final class FlinkHistory {

    public static final Duration STEP = Duration.ofSeconds(15);

    private final Instant from;
    private final Instant to;
    private final List<SyntheticSeries> series = new ArrayList<>();

    public FlinkHistory(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    public List<SyntheticSeries> series() {
        return List.copyOf(series);
    }

    public Job job(String id, String name) {
        return new Job(id, name);
    }

    /** A TaskManager's JVM CPU load (0 to 1) over time. */
    public FlinkHistory taskManager(String tmId, String host, DoubleUnaryOperator cpu) {
        series.add(SyntheticSeries.of("flink_taskmanager_Status_JVM_CPU_Load", Map.of("tm_id", tmId, "host", host))
                .every(STEP, from, to, cpu)
                .build());
        return this;
    }

    /**
     * The advisor tests' job {@code orders_v2} (id {@code a0a0a0a0}), running on {@code tm-1} at 50 % CPU since an
     * hour before the history: a source and a counter at parallelism 2. While {@code surge} holds (of the seconds
     * since the history's start) the counter is the bottleneck (busy 1,000 ms/s) and the source backpressured
     * (952 ms/s); otherwise both are at ease.
     */
    public FlinkHistory surgingOrdersJob(DoublePredicate surge) {
        return taskManager("tm-1", "host_1", s -> 0.5)
                .job("a0a0a0a0", "orders_v2")
                .on("tm-1", "host_1")
                .startedAt(from.minus(Duration.ofHours(1)))
                .vertex(
                        "v-source",
                        "Source:_orders",
                        2,
                        s -> surge.test(s) ? 48 : 300,
                        s -> surge.test(s) ? 952 : 0,
                        s -> 2000)
                .vertex("v-counter", "counter", 2, s -> surge.test(s) ? 1000 : 400, s -> 0, s -> 2000)
                .done();
    }

    /** Any gauge, for rules that read other metrics. */
    public FlinkHistory gauge(String metric, Map<String, String> labels, Instant until, DoubleUnaryOperator value) {
        series.add(SyntheticSeries.of(metric, labels)
                .every(STEP, from, until, value)
                .build());
        return this;
    }

    /** One job's metrics. */
    public final class Job {
        private final String id;
        private final String name;
        private Instant until = to;
        private String tmId = "tm-1";
        private String host = "127_0_0_1";
        private final List<Instant[]> gaps = new ArrayList<>();

        private Job(String id, String name) {
            this.id = id;
            this.name = name;
        }

        /** The job's series stop here (no staleness marker: Prometheus keeps returning them for its lookback). */
        public Job endingAt(Instant end) {
            this.until = end;
            return this;
        }

        /**
         * The job's task series have no samples from {@code start} (inclusive) to {@code end} (exclusive), as
         * when the reporter or the scrape failed: call before {@link #vertex}.
         */
        public Job gap(Instant start, Instant end) {
            gaps.add(new Instant[] {start, end});
            return this;
        }

        public Job on(String taskManager, String taskManagerHost) {
            this.tmId = taskManager;
            this.host = taskManagerHost;
            return this;
        }

        /** A vertex whose every subtask shows these busy and backpressured times (ms/s) and input rate. */
        public Job vertex(
                String taskId,
                String taskName,
                int parallelism,
                DoubleUnaryOperator busy,
                DoubleUnaryOperator backpressure,
                DoubleUnaryOperator recordsIn) {
            return skewedVertex(taskId, taskName, parallelism, subtask -> busy, backpressure, recordsIn);
        }

        /** A vertex whose subtasks differ in busy time: {@code busyOf} gives a subtask's, by its index. */
        public Job skewedVertex(
                String taskId,
                String taskName,
                int parallelism,
                IntFunction<DoubleUnaryOperator> busyOf,
                DoubleUnaryOperator backpressure,
                DoubleUnaryOperator recordsIn) {
            for (int subtask = 0; subtask < parallelism; subtask++) {
                DoubleUnaryOperator busy = busyOf.apply(subtask);
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("job_id", id);
                labels.put("job_name", name);
                labels.put("task_id", taskId);
                labels.put("task_name", taskName);
                labels.put("subtask_index", Integer.toString(subtask));
                labels.put("task_attempt_num", "0");
                labels.put("tm_id", tmId);
                labels.put("host", host);
                series.add(task("busyTimeMsPerSecond", labels, busy));
                series.add(task("backPressuredTimeMsPerSecond", labels, backpressure));
                series.add(task(
                        "idleTimeMsPerSecond",
                        labels,
                        s -> Math.max(0, 1000 - busy.applyAsDouble(s) - backpressure.applyAsDouble(s))));
                series.add(task("numRecordsInPerSecond", labels, s -> recordsIn.applyAsDouble(s) / parallelism));
                series.add(task("numRecordsOutPerSecond", labels, s -> recordsIn.applyAsDouble(s) / parallelism));
            }
            return this;
        }

        /** {@code flink_jobmanager_job_uptime} (ms) of a job running since {@code startedAt}. */
        public Job startedAt(Instant startedAt) {
            series.add(SyntheticSeries.of(
                            "flink_jobmanager_job_uptime", Map.of("job_id", id, "job_name", name, "host", "127_0_0_1"))
                    .every(
                            STEP,
                            from,
                            until,
                            s -> Duration.between(startedAt, from.plusMillis((long) (s * 1000)))
                                    .toMillis())
                    .build());
            return this;
        }

        public FlinkHistory done() {
            return FlinkHistory.this;
        }

        private SyntheticSeries task(String metric, Map<String, String> labels, DoubleUnaryOperator value) {
            SyntheticSeries all = SyntheticSeries.of("flink_taskmanager_job_task_" + metric, labels)
                    .every(STEP, from, until, value)
                    .build();
            return new SyntheticSeries(
                    all.metric(),
                    all.labels(),
                    all.samples().stream()
                            .filter(sample -> gaps.stream()
                                    .noneMatch(gap -> !sample.at().isBefore(gap[0])
                                            && sample.at().isBefore(gap[1])))
                            .toList());
        }
    }
}
