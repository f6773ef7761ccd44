package dev.scalingadvisor.rules.workload;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.SeriesLabels;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The engine's two auxiliary queries per cycle, whatever the number of jobs and rules: one returns
 * per-vertex load (busy, backpressure, fresh subtask count, oldest sample time, throughput), the other
 * job-wide figures (uptime, host CPU, backlog, source rate). Each is several aggregations joined with
 * {@code or}, told apart by an {@code advisor_stat} label, so that one round trip brings them all.
 *
 * <p>Metric names are those Flink's Prometheus reporter exports (Flink 1.20); label names come from
 * {@link JobLabels}.
 */
public final class WorkloadQueries {

    /** The label that tells the joined aggregations apart. */
    public static final String STAT_LABEL = "advisor_stat";

    static final String BUSY = "flink_taskmanager_job_task_busyTimeMsPerSecond";
    static final String BACKPRESSURE = "flink_taskmanager_job_task_backPressuredTimeMsPerSecond";
    static final String RECORDS_IN = "flink_taskmanager_job_task_numRecordsInPerSecond";
    static final String RECORDS_OUT = "flink_taskmanager_job_task_numRecordsOutPerSecond";
    static final String UPTIME = "flink_jobmanager_job_uptime";
    static final String TASKMANAGER_CPU = "flink_taskmanager_Status_JVM_CPU_Load";
    /** FLIP-33's backlog of a source reader; the Kafka source's is the lag of the partitions it reads. */
    static final String PENDING_RECORDS = "flink_taskmanager_job_task_operator_pendingRecords";
    /** Per Kafka source subtask: the highest lag of one of its partitions over the consumer's last minute. */
    static final String KAFKA_LAG =
            "flink_taskmanager_job_task_operator_KafkaSourceReader_KafkaConsumer_records_lag_max";
    /** Per partition of a Kafka source (labels {@code topic}, {@code partition}): the last emitted record's offset. */
    static final String KAFKA_PARTITION_OFFSET =
            "flink_taskmanager_job_task_operator_KafkaSourceReader_topic_partition_currentOffset";
    /** The label the Kafka source's per-partition series name their topic with. */
    static final String TOPIC = "topic";
    /** For a FLIP-27 source operator (Kafka's included): records per second read from outside. */
    static final String OPERATOR_RECORDS_IN = "flink_taskmanager_job_task_operator_numRecordsInPerSecond";
    /** The label Flink puts on TaskManager and task metrics alike: the host a TaskManager runs on. */
    static final String HOST = "host";

    private final JobLabels labels;
    private final Duration maxSampleAge;

    public WorkloadQueries(JobLabels labels, Duration maxSampleAge) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.maxSampleAge = Objects.requireNonNull(maxSampleAge, "maxSampleAge");
    }

    /** Per-vertex load: one series per vertex and statistic. */
    public String vertexQuery() {
        Map<String, String> statistics = new HashMap<>(vertexStatistics());
        statistics.putAll(sampleTimeStatistics());
        return joined(statistics);
    }

    /**
     * For a replay over history (range queries): each statistic of {@link #vertexQuery()} but the three the replay
     * computes from the busy-time series ({@code oldest_sample}, {@code subtasks} and {@code busy_max}, with {@link
     * #busyTimeVertices}), as a query of its own, by its {@value #STAT_LABEL} value. Over a range, Prometheus
     * materializes every {@code label_replace} and every {@code or} of the joined query at every step; asked apart,
     * the statistics cost it half the work (docs/BENCHMARKS.md). The answers are the same series without the
     * {@value #STAT_LABEL} label.
     */
    public SortedMap<String, String> vertexStatisticQueries() {
        SortedMap<String, String> asked = new TreeMap<>(vertexStatistics());
        asked.remove(Statistic.BUSY_MAX.label());
        return asked;
    }

    /**
     * Each subtask's busy-time sample time, the one series {@code oldest_sample} and {@code subtasks} are made of.
     * Prometheus answers {@code timestamp()} of a selector over a range step by step, seeking every series anew at
     * every step: a replay reads the same times from {@link #busyQuery()} and {@link #rawBusySamplesQuery}, for a
     * seventh of the work, and asks this only when those cannot tell (docs/BENCHMARKS.md).
     */
    public String sampleTimesQuery() {
        return "timestamp(" + BUSY + ")";
    }

    /**
     * The busy-time series themselves: over a range, at each step, the series an instant query would select, with
     * Prometheus' lookback and staleness; the sample each one selected is its latest sample at or before the step.
     */
    public String busyQuery() {
        return BUSY;
    }

    /** Every busy-time sample of the {@code window} before an instant query's time, each with its own time. */
    public String rawBusySamplesQuery(Duration window) {
        return BUSY + "[" + window.toMillis() + "ms]";
    }

    private Map<String, String> vertexStatistics() {
        String vertex = vertexGrouping();
        return Map.of(
                "busy_avg",
                "avg by (" + vertex + ") (" + BUSY + ")",
                "busy_max",
                "max by (" + vertex + ") (" + BUSY + ")",
                "backpressure_avg",
                "avg by (" + vertex + ") (" + BACKPRESSURE + ")",
                "records_in",
                "sum by (" + vertex + ") (" + RECORDS_IN + ")",
                "records_out",
                "sum by (" + vertex + ") (" + RECORDS_OUT + ")",
                // Distinct partitions per topic: a restarted reader's old series must not count twice.
                "partitions",
                "count by (" + vertex + ", " + TOPIC + ") (count by (" + vertex + ", " + TOPIC + ", partition) ("
                        + KAFKA_PARTITION_OFFSET + "))");
    }

    /** The statistics of sample times in PromQL, as the live cycle asks them; see {@link BusyTimeVertices#at}. */
    private Map<String, String> sampleTimeStatistics() {
        String vertex = vertexGrouping();
        String subtask = vertex + ", " + labels.subtask();
        String freshBusy = "timestamp(" + BUSY + ") > (time() - " + freshSeconds() + ")";
        return Map.of(
                // Distinct subtask indexes with a fresh sample: a restarted subtask's old series must not count twice.
                "subtasks",
                "count by (" + vertex + ") (count by (" + subtask + ") (" + freshBusy + "))",
                "oldest_sample",
                "min by (" + vertex + ") (timestamp(" + BUSY + "))");
    }

    /**
     * The series of {@link #busyQuery()} (or of {@link #sampleTimesQuery()}, the same but for the metric name) grouped
     * by vertex once, for their statistics at many instants.
     */
    public BusyTimeVertices busyTimeVertices(List<SeriesLabels> busySeries) {
        return new BusyTimeVertices(busySeries, labels, freshSeconds());
    }

    private String vertexGrouping() {
        return String.join(", ", labels.jobId(), labels.jobName(), labels.vertexId(), labels.vertexName());
    }

    /** Job-wide figures: one series per job and statistic. */
    public String jobQuery() {
        return joined(jobStatistics());
    }

    /**
     * For a replay over history: each statistic of {@link #jobQuery()} as a query of its own, as {@link
     * #vertexStatisticQueries()}, but {@code host_cpu_min}, which the replay computes from {@link #hostCpuQuery()} and
     * the busy-time series ({@link #leastLoadedHosts}).
     */
    public SortedMap<String, String> jobStatisticQueries() {
        SortedMap<String, String> asked = new TreeMap<>(jobStatistics());
        asked.remove(Statistic.HOST_CPU_MIN.label());
        return asked;
    }

    /**
     * For a replay over history: the CPU load of each host, the left side of {@code host_cpu_min}'s join. Prometheus
     * evaluates that join and its {@code min} at every step of a range, over every busy-time series (14 s of its CPU
     * over the benchmark week, docs/BENCHMARKS.md); a replay already reads those series, and the sum stays
     * Prometheus' (its floating-point result depends on the order it adds in).
     */
    public String hostCpuQuery() {
        return "sum by (" + HOST + ") (" + TASKMANAGER_CPU + ")";
    }

    /**
     * The series of {@link #busyQuery()} and of {@link #hostCpuQuery()} matched once, for {@code host_cpu_min} at many
     * instants.
     */
    public LeastLoadedHosts leastLoadedHosts(List<SeriesLabels> busySeries, List<SeriesLabels> hostCpuSeries) {
        return new LeastLoadedHosts(busySeries, hostCpuSeries, labels);
    }

    private Map<String, String> jobStatistics() {
        String job = labels.jobId() + ", " + labels.jobName();
        // The TaskManager CPU metric has no job labels: sum the TaskManagers per host (JVM CPU load is a share
        // of the whole machine), attribute hosts to the jobs whose subtasks run there, keep the least loaded.
        String hostCpu = "min by (" + job + ") (" + hostCpuQuery() + " * on (" + HOST + ") group_right group by (" + job
                + ", " + HOST + ") (" + BUSY + "))";
        // pendingRecords is per source subtask the lag of all its partitions, and each partition has one reader: its
        // sum is the backlog. records_lag_max (a source without pendingRecords) is per subtask the lag of its worst
        // partition over the last minute, so no sum of it is a backlog: its largest is a lower bound of one.
        String backlog = "(sum by (" + job + ") (" + PENDING_RECORDS + ") or max by (" + job + ") (" + KAFKA_LAG + "))";
        String growth = "(sum by (" + job + ") (deriv(" + PENDING_RECORDS + "[5m])) or max by (" + job + ") (deriv("
                + KAFKA_LAG + "[5m])))";
        // Source operators are the ones that report a backlog; their input rate is what they read from outside.
        String sourceRate =
                "sum by (" + job + ") (" + OPERATOR_RECORDS_IN + " and on (" + labels.jobId() + ", " + labels.vertexId()
                        + ", " + labels.subtask() + ", operator_id) (" + PENDING_RECORDS + " or " + KAFKA_LAG + "))";
        return Map.of(
                "uptime_ms", "max by (" + job + ") (" + UPTIME + ")",
                "host_cpu_min", hostCpu,
                "backlog", backlog,
                "backlog_growth", growth,
                "source_rate", sourceRate);
    }

    /**
     * For rebuilding state from history (a range query): per job, when its least recently scraped subtask
     * was sampled ({@code oldest_sample}) and its uptime ({@code uptime_ms}), to judge staleness and
     * stabilization at every past step as a live cycle would have.
     */
    public String historyQuery() {
        String job = labels.jobId() + ", " + labels.jobName();
        return joined(Map.of(
                "oldest_sample", "min by (" + job + ") (timestamp(" + BUSY + "))",
                "uptime_ms", "max by (" + job + ") (" + UPTIME + ")"));
    }

    /** Groups both answers per job. Series without the job label are ignored; NaN statistics count as absent. */
    public Map<JobId, JobLoad> read(QueryResult.Vector vertexAnswer, QueryResult.Vector jobAnswer) {
        List<InstantSeries> vertices = vertexAnswer.series();
        List<InstantSeries> jobs = jobAnswer.series();
        return layout(
                        vertices.stream().map(InstantSeries::labels).toList(),
                        jobs.stream().map(InstantSeries::labels).toList())
                .loads(
                        series -> vertices.get(series).sample().value(),
                        series -> jobs.get(series).sample().value());
    }

    /** Which job, vertex and statistic each series of the two answers is, for their values at many instants. */
    public WorkloadAnswerLayout layout(List<SeriesLabels> vertexSeries, List<SeriesLabels> jobSeries) {
        return new WorkloadAnswerLayout(vertexSeries, jobSeries, labels);
    }

    /** The statistics the two queries return, by their {@code advisor_stat} value. */
    enum Statistic {
        BUSY_AVG,
        BUSY_MAX,
        BACKPRESSURE_AVG,
        SUBTASKS,
        OLDEST_SAMPLE,
        RECORDS_IN,
        RECORDS_OUT,
        PARTITIONS,
        UPTIME_MS,
        HOST_CPU_MIN,
        BACKLOG,
        BACKLOG_GROWTH,
        SOURCE_RATE;

        private static final Map<String, Statistic> BY_NAME = new HashMap<>();

        static {
            for (Statistic s : values()) {
                BY_NAME.put(s.label(), s);
            }
        }

        /** The {@code statistic} label value that tags this part of the one workload query (a wire name, not a word for people). */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Statistic named(String label) {
            return label == null ? null : BY_NAME.get(label);
        }
    }

    private static String joined(Map<String, String> statistics) {
        StringBuilder query = new StringBuilder();
        statistics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (query.length() > 0) {
                query.append("\nor ");
            }
            query.append("label_replace(")
                    .append(e.getValue())
                    .append(", \"")
                    .append(STAT_LABEL)
                    .append("\", \"")
                    .append(e.getKey())
                    .append("\", \"\", \"\")");
        });
        return query.toString();
    }

    /** How old, in whole seconds, a sample may be and still count a subtask as running. */
    private long freshSeconds() {
        return Math.max(1, maxSampleAge.toSeconds());
    }
}
