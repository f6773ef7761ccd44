package dev.scalingadvisor.testbed.metrics;

import java.util.List;

/**
 * What Flink's Kafka source ({@code flink-connector-kafka} 3.4.0-1.20) exports through Flink 1.20.1's Prometheus
 * reporter, as seen on a live job: locked by {@code KafkaJobIT}, described in {@code docs/metrics.md}. All are
 * operator-scoped series of the source operator; the per-partition ones also carry {@code topic} and
 * {@code partition}.
 */
public final class KafkaSourceMetrics {

    private static final String READER = "flink_taskmanager_job_task_operator_KafkaSourceReader_";

    public static final FlinkMetric PENDING_RECORDS = FlinkMetrics.PENDING_RECORDS;
    public static final FlinkMetric RECORDS_LAG_MAX = FlinkMetrics.KAFKA_LAG;
    public static final FlinkMetric ASSIGNED_PARTITIONS = new FlinkMetric(
            READER + "KafkaConsumer_assigned_partitions",
            MetricScope.OPERATOR,
            "partitions this source subtask reads; summed over the vertex's subtasks, the topic's partitions");
    public static final FlinkMetric RECORDS_CONSUMED_RATE = new FlinkMetric(
            READER + "KafkaConsumer_records_consumed_rate",
            MetricScope.OPERATOR,
            "records/s the Kafka consumer fetched (a 30 s window), ahead of what the source emitted");
    public static final FlinkMetric CURRENT_OFFSET = new FlinkMetric(
            READER + "topic_partition_currentOffset",
            MetricScope.OPERATOR,
            "per partition: the offset of the last record the source emitted (end offset - 1 when caught up)");
    public static final FlinkMetric COMMITTED_OFFSET = new FlinkMetric(
            READER + "topic_partition_committedOffset",
            MetricScope.OPERATOR,
            "per partition: the next offset to read as last committed to Kafka (on checkpoint); -1 before the first");
    public static final FlinkMetric COMMITS_SUCCEEDED = new FlinkMetric(
            READER + "commitsSucceeded", MetricScope.OPERATOR, "offset commits to Kafka that succeeded (a counter)");
    public static final FlinkMetric COMMITS_FAILED = new FlinkMetric(
            READER + "commitsFailed", MetricScope.OPERATOR, "offset commits to Kafka that failed (a counter)");
    public static final FlinkMetric SOURCE_IDLE_TIME = new FlinkMetric(
            "flink_taskmanager_job_task_operator_sourceIdleTime",
            MetricScope.OPERATOR,
            "ms since the source subtask last emitted a record; 0 while it always has records");
    public static final FlinkMetric RECORDS_IN_RATE = FlinkMetrics.OPERATOR_RECORDS_IN_RATE;
    public static final FlinkMetric RECORDS_OUT_RATE = FlinkMetrics.OPERATOR_RECORDS_OUT_RATE;

    /** The labels the per-partition series carry besides the operator's. */
    public static final List<String> PARTITION_LABELS = List.of("topic", "partition");

    private KafkaSourceMetrics() {}

    /** Every metric of this catalogue, in the order of {@code docs/metrics.md}. */
    public static List<FlinkMetric> all() {
        return List.of(
                PENDING_RECORDS,
                RECORDS_LAG_MAX,
                ASSIGNED_PARTITIONS,
                RECORDS_CONSUMED_RATE,
                CURRENT_OFFSET,
                COMMITTED_OFFSET,
                COMMITS_SUCCEEDED,
                COMMITS_FAILED,
                SOURCE_IDLE_TIME,
                RECORDS_IN_RATE,
                RECORDS_OUT_RATE);
    }

    /** Whether {@code metric} has one series per partition (else one per source subtask). */
    public static boolean perPartition(FlinkMetric metric) {
        return metric.equals(CURRENT_OFFSET) || metric.equals(COMMITTED_OFFSET);
    }
}
