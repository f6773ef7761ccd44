package dev.scalingadvisor.testbed.metrics;

import java.util.List;

/**
 * Where in Flink a metric is registered, which decides the process that exports it and the labels its series
 * carry (label values are sanitised by the reporter: {@code orders-v2} becomes {@code orders_v2}).
 */
public enum MetricScope {
    /** The JobManager process: {@code host}. */
    JOBMANAGER(List.of("host")),
    /** A job on the JobManager: {@code job_id, job_name, host}. */
    JOBMANAGER_JOB(List.of("job_id", "job_name", "host")),
    /** A TaskManager process: {@code host, tm_id}. */
    TASKMANAGER(List.of("host", "tm_id")),
    /** One subtask of a job vertex (a chain of operators) on a TaskManager. */
    TASK(List.of(
            "job_id",
            "job_name",
            "task_id",
            "task_name",
            "subtask_index",
            "task_attempt_id",
            "task_attempt_num",
            "host",
            "tm_id")),
    /** One operator inside a subtask; {@code task_id} is the vertex id, {@code operator_id} the operator's. */
    OPERATOR(List.of(
            "job_id",
            "job_name",
            "task_id",
            "task_name",
            "operator_id",
            "operator_name",
            "subtask_index",
            "task_attempt_id",
            "task_attempt_num",
            "host",
            "tm_id"));

    private final List<String> labels;

    MetricScope(List<String> labels) {
        this.labels = labels;
    }

    /** The labels every series of this scope carries (besides Prometheus' own {@code job} and {@code instance}). */
    public List<String> labels() {
        return labels;
    }

    /** Whether the JobManager exports it; otherwise each TaskManager does. */
    public boolean onJobManager() {
        return this == JOBMANAGER || this == JOBMANAGER_JOB;
    }
}
