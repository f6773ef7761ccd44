package dev.scalingadvisor.testbed.metrics;

import java.util.List;

/**
 * The Flink metrics a scaling rule pack uses, as Flink 1.20.1's Prometheus reporter names them; checked against a
 * running cluster by {@code MetricNamesIT} and described in {@code docs/metrics.md}.
 */
public final class FlinkMetrics {

    public static final FlinkMetric BACK_PRESSURED_TIME = new FlinkMetric(
            "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
            MetricScope.TASK,
            "ms per second the subtask waited for output buffers; high upstream of a bottleneck");
    public static final FlinkMetric BUSY_TIME = new FlinkMetric(
            "flink_taskmanager_job_task_busyTimeMsPerSecond",
            MetricScope.TASK,
            "ms per second the subtask was processing; about 1000 on the bottleneck");
    public static final FlinkMetric IDLE_TIME = new FlinkMetric(
            "flink_taskmanager_job_task_idleTimeMsPerSecond",
            MetricScope.TASK,
            "ms per second the subtask waited for input");
    public static final FlinkMetric TASK_RECORDS_IN_RATE = new FlinkMetric(
            "flink_taskmanager_job_task_numRecordsInPerSecond",
            MetricScope.TASK,
            "records/s the subtask received over the network (0 for a source task)");
    public static final FlinkMetric TASK_RECORDS_OUT_RATE = new FlinkMetric(
            "flink_taskmanager_job_task_numRecordsOutPerSecond",
            MetricScope.TASK,
            "records/s the subtask sent downstream");
    public static final FlinkMetric OPERATOR_RECORDS_IN_RATE = new FlinkMetric(
            "flink_taskmanager_job_task_operator_numRecordsInPerSecond",
            MetricScope.OPERATOR,
            "records/s into one operator of the chain; for a FLIP-27 source, records read from outside");
    public static final FlinkMetric OPERATOR_RECORDS_OUT_RATE = new FlinkMetric(
            "flink_taskmanager_job_task_operator_numRecordsOutPerSecond",
            MetricScope.OPERATOR,
            "records/s out of one operator of the chain");
    public static final FlinkMetric KAFKA_LAG = new FlinkMetric(
            "flink_taskmanager_job_task_operator_KafkaSourceReader_KafkaConsumer_records_lag_max",
            MetricScope.OPERATOR,
            "per source subtask, the highest lag of its partitions over the Kafka consumer's last minute or so; "
                    + "not a backlog (the load job exports its lag under this name too)");
    public static final FlinkMetric PENDING_RECORDS = new FlinkMetric(
            "flink_taskmanager_job_task_operator_pendingRecords",
            MetricScope.OPERATOR,
            "FLIP-33 backlog of a source reader in records; the Kafka source's is the lag of its partitions");
    public static final FlinkMetric TASKMANAGER_CPU_LOAD = new FlinkMetric(
            "flink_taskmanager_Status_JVM_CPU_Load",
            MetricScope.TASKMANAGER,
            "CPU load of the TaskManager JVM, 0..1 of the whole machine");
    public static final FlinkMetric JOB_UPTIME = new FlinkMetric(
            "flink_jobmanager_job_uptime",
            MetricScope.JOBMANAGER_JOB,
            "ms since the job last switched to RUNNING (0 while not running)");
    public static final FlinkMetric JOB_RESTARTS = new FlinkMetric(
            "flink_jobmanager_job_numRestarts",
            MetricScope.JOBMANAGER_JOB,
            "restarts of the job since it was submitted (not reset by a restart)");
    public static final FlinkMetric JOB_FAILED_CHECKPOINTS = new FlinkMetric(
            "flink_jobmanager_job_numberOfFailedCheckpoints",
            MetricScope.JOBMANAGER_JOB,
            "failed checkpoints of the job");
    public static final FlinkMetric JOB_LAST_CHECKPOINT_DURATION = new FlinkMetric(
            "flink_jobmanager_job_lastCheckpointDuration",
            MetricScope.JOBMANAGER_JOB,
            "ms the last completed checkpoint took");
    public static final FlinkMetric REGISTERED_TASKMANAGERS = new FlinkMetric(
            "flink_jobmanager_numRegisteredTaskManagers",
            MetricScope.JOBMANAGER,
            "TaskManagers registered with the cluster");
    public static final FlinkMetric SLOTS_AVAILABLE = new FlinkMetric(
            "flink_jobmanager_taskSlotsAvailable", MetricScope.JOBMANAGER, "free task slots in the cluster");
    public static final FlinkMetric SLOTS_TOTAL =
            new FlinkMetric("flink_jobmanager_taskSlotsTotal", MetricScope.JOBMANAGER, "task slots in the cluster");

    private FlinkMetrics() {}

    /** Every metric of this catalogue, in the order of {@code docs/metrics.md}. */
    public static List<FlinkMetric> all() {
        return List.of(
                BACK_PRESSURED_TIME,
                BUSY_TIME,
                IDLE_TIME,
                TASK_RECORDS_IN_RATE,
                TASK_RECORDS_OUT_RATE,
                OPERATOR_RECORDS_IN_RATE,
                OPERATOR_RECORDS_OUT_RATE,
                KAFKA_LAG,
                PENDING_RECORDS,
                TASKMANAGER_CPU_LOAD,
                JOB_UPTIME,
                JOB_RESTARTS,
                JOB_FAILED_CHECKPOINTS,
                JOB_LAST_CHECKPOINT_DURATION,
                REGISTERED_TASKMANAGERS,
                SLOTS_AVAILABLE,
                SLOTS_TOTAL);
    }

    /** The metric of this catalogue named {@code name}, for checking names found elsewhere (e.g. in a rule pack). */
    public static java.util.Optional<FlinkMetric> named(String name) {
        return all().stream().filter(metric -> metric.name().equals(name)).findFirst();
    }
}
