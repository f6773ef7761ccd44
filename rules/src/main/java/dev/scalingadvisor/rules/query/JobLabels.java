package dev.scalingadvisor.rules.query;

import java.util.Objects;

/**
 * Which Prometheus labels identify a job, a vertex and a subtask in query results. Identity comes from
 * ids, never from names: Flink's reporter sanitises label values ({@code orders-v2} becomes
 * {@code orders_v2}), so names are for display only.
 */
public record JobLabels(String jobId, String jobName, String vertexId, String vertexName, String subtask) {

    public static final JobLabels DEFAULTS =
            new JobLabels("job_id", "job_name", "task_id", "task_name", "subtask_index");

    public JobLabels {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(vertexId, "vertexId");
        Objects.requireNonNull(vertexName, "vertexName");
        Objects.requireNonNull(subtask, "subtask");
    }
}
