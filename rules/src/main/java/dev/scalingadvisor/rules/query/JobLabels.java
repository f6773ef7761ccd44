package dev.scalingadvisor.rules.query;

import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.util.Objects;

/**
 * Which Prometheus labels identify a job, a vertex and a subtask in query results. Identity comes from
 * ids, never from names: Flink's reporter sanitises label values ({@code orders-v2} becomes
 * {@code orders_v2}), so names are for display only.
 */
public record JobLabels(String jobId, String jobName, String vertexId, String vertexName, String subtask) {

    public static final Option<JobLabels, String> JOB_ID =
            Option.of("job", JobLabels::jobId, ValueParsers.text(), "job_id").means("the job's id");
    public static final Option<JobLabels, String> JOB_NAME = Option.of(
                    "jobName", JobLabels::jobName, ValueParsers.text(), "job_name")
            .means("the job's name, for display");
    public static final Option<JobLabels, String> VERTEX_ID = Option.of(
                    "vertex", JobLabels::vertexId, ValueParsers.text(), "task_id")
            .means("the vertex's id (Flink REST's vertex id)");
    public static final Option<JobLabels, String> VERTEX_NAME = Option.of(
                    "vertexName", JobLabels::vertexName, ValueParsers.text(), "task_name")
            .means("the vertex's name, for display");
    public static final Option<JobLabels, String> SUBTASK = Option.of(
                    "subtask", JobLabels::subtask, ValueParsers.text(), "subtask_index")
            .means("the subtask's index");

    public static final Section<JobLabels> SECTION = Section.of(
            "Which labels identify jobs and vertices in query results; the defaults are the names Flink's"
                    + " Prometheus reporter uses.",
            v -> new JobLabels(v.get(JOB_ID), v.get(JOB_NAME), v.get(VERTEX_ID), v.get(VERTEX_NAME), v.get(SUBTASK)),
            JOB_ID,
            JOB_NAME,
            VERTEX_ID,
            VERTEX_NAME,
            SUBTASK);

    public static final JobLabels DEFAULTS = SECTION.defaults();

    public JobLabels {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(vertexId, "vertexId");
        Objects.requireNonNull(vertexName, "vertexName");
        Objects.requireNonNull(subtask, "subtask");
    }
}
