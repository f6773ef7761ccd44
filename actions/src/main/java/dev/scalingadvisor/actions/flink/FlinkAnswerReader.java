package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads Flink's REST answers into the client's records. Field names are those of Flink's REST API
 * specification ({@code rest_v1_dispatcher.yml}) for 1.19 and 1.20; fields only 1.20 has are optional.
 */
final class FlinkAnswerReader {

    private FlinkAnswerReader() {}

    /** {@code GET /overview} ({@code ClusterOverviewWithVersion}). */
    static ClusterOverview clusterOverview(FlinkAnswer answer) {
        return new ClusterOverview(
                answer.text("flink-version"),
                answer.integer("taskmanagers"),
                answer.integer("slots-total"),
                answer.integer("slots-available"));
    }

    /** {@code GET /jobs/overview} ({@code MultipleJobsDetails}). */
    static List<JobSummary> jobs(FlinkAnswer answer) {
        List<JobSummary> jobs = new ArrayList<>();
        for (FlinkAnswer job : answer.array("jobs")) {
            jobs.add(new JobSummary(
                    jobId(job, "jid"),
                    job.text("name"),
                    JobStatus.parse(job.text("state")),
                    job.instant("start-time"),
                    job.optionalInstant("end-time")));
        }
        return jobs;
    }

    /** {@code GET /jobs/:id} ({@code JobDetailsInfo}); {@code job-type} and {@code slotSharingGroupId} are 1.20 only. */
    static JobDetails jobDetails(FlinkAnswer answer) {
        Map<JobStatus, Instant> timestamps = new EnumMap<>(JobStatus.class);
        answer.optionalObject("timestamps").ifPresent(ts -> {
            for (Map.Entry<String, FlinkAnswer> entry : ts.fields()) {
                long millis = entry.getValue().node().asLong(0);
                JobStatus state = JobStatus.parse(entry.getKey());
                if (millis > 0 && state != JobStatus.UNKNOWN) {
                    timestamps.put(state, Instant.ofEpochMilli(millis));
                }
            }
        });
        List<JobVertex> vertices = new ArrayList<>();
        for (FlinkAnswer vertex : answer.array("vertices")) {
            vertices.add(vertex(vertex));
        }
        List<JobEdge> edges =
                answer.optionalObject("plan").map(FlinkAnswerReader::edges).orElse(List.of());
        return new JobDetails(
                jobId(answer, "jid"),
                answer.text("name"),
                JobStatus.parse(answer.text("state")),
                answer.optionalText("job-type"),
                answer.instant("start-time"),
                answer.optionalInstant("end-time"),
                answer.instant("now"),
                timestamps,
                vertices,
                edges);
    }

    private static JobVertex vertex(FlinkAnswer vertex) {
        Map<ExecutionState, Integer> tasks = new EnumMap<>(ExecutionState.class);
        vertex.optionalObject("tasks").ifPresent(t -> {
            for (Map.Entry<String, FlinkAnswer> entry : t.fields()) {
                ExecutionState state = ExecutionState.parse(entry.getKey());
                if (state != ExecutionState.UNKNOWN) {
                    tasks.merge(state, entry.getValue().node().asInt(0), Integer::sum);
                }
            }
        });
        try {
            return new JobVertex(
                    new VertexId(vertex.text("id")),
                    vertex.text("name"),
                    vertex.integer("parallelism"),
                    vertex.integer("maxParallelism"),
                    ExecutionState.parse(vertex.text("status")),
                    tasks,
                    vertex.optionalText("slotSharingGroupId"));
        } catch (IllegalArgumentException e) {
            throw vertex.invalid("parallelism", e.getMessage());
        }
    }

    /** The plan's nodes list each node's inputs by the upstream vertex id. */
    private static List<JobEdge> edges(FlinkAnswer plan) {
        List<JobEdge> edges = new ArrayList<>();
        for (FlinkAnswer node : plan.optionalArray("nodes")) {
            VertexId target = new VertexId(node.text("id"));
            for (FlinkAnswer input : node.optionalArray("inputs")) {
                edges.add(new JobEdge(
                        new VertexId(input.text("id")),
                        target,
                        input.optionalText("ship_strategy").orElse("UNKNOWN")));
            }
        }
        return edges;
    }

    /** {@code GET /jobs/:id/checkpoints} ({@code CheckpointingStatistics}). */
    static CheckpointStats checkpoints(FlinkAnswer answer) {
        FlinkAnswer counts = answer.object("counts");
        FlinkAnswer latest = answer.object("latest");
        List<CheckpointStats.Attempt> history = new ArrayList<>();
        for (FlinkAnswer attempt : answer.optionalArray("history")) {
            history.add(new CheckpointStats.Attempt(
                    attempt.longValue("id"),
                    status(attempt.optionalText("status").orElse("")),
                    attempt.bool("is_savepoint", false),
                    attempt.instant("trigger_timestamp"),
                    attempt.optionalInstant("failure_timestamp")));
        }
        return new CheckpointStats(
                counts.longValue("completed"),
                counts.longValue("failed"),
                counts.integer("in_progress"),
                latest.optionalObject("completed").map(FlinkAnswerReader::completed),
                latest.optionalObject("savepoint").map(FlinkAnswerReader::completed),
                latest.optionalObject("failed")
                        .map(f -> new CheckpointStats.Failed(
                                f.longValue("id"),
                                f.bool("is_savepoint", false),
                                f.instant("trigger_timestamp"),
                                f.optionalInstant("failure_timestamp").orElse(f.instant("trigger_timestamp")),
                                f.optionalText("failure_message"))),
                latest.optionalObject("restored")
                        .map(r -> new CheckpointStats.Restored(
                                r.longValue("id"),
                                r.bool("is_savepoint", false),
                                r.instant("restore_timestamp"),
                                r.optionalText("external_path"))),
                history);
    }

    private static CheckpointStats.Completed completed(FlinkAnswer c) {
        return new CheckpointStats.Completed(
                c.longValue("id"),
                c.bool("is_savepoint", false),
                c.instant("trigger_timestamp"),
                c.instant("latest_ack_timestamp"),
                c.optionalText("external_path"));
    }

    private static CheckpointStats.Status status(String text) {
        try {
            return CheckpointStats.Status.valueOf(text);
        } catch (IllegalArgumentException e) {
            return CheckpointStats.Status.UNKNOWN;
        }
    }

    /** {@code GET /jobs/:id/config} ({@code JobConfigInfo}). */
    static JobConfig jobConfig(FlinkAnswer answer) {
        Optional<FlinkAnswer> execution = answer.optionalObject("execution-config");
        OptionalInt parallelism = execution
                .flatMap(e -> e.optionalLong("job-parallelism").isPresent()
                        ? Optional.of((int) e.optionalLong("job-parallelism").getAsLong())
                        : Optional.empty())
                .filter(p -> p > 0)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        Map<String, String> userConfig = new LinkedHashMap<>();
        execution.flatMap(e -> e.optionalObject("user-config")).ifPresent(u -> {
            for (Map.Entry<String, FlinkAnswer> entry : u.fields()) {
                userConfig.put(entry.getKey(), entry.getValue().node().asText());
            }
        });
        return new JobConfig(
                jobId(answer, "jid"),
                answer.text("name"),
                parallelism,
                execution.flatMap(e -> e.optionalText("restart-strategy")),
                userConfig);
    }

    /** {@code GET /jobs/:id/jobmanager/config} and {@code GET /jobmanager/config}: a list of {@code {key, value}}. */
    static Map<String, String> configuration(String call, com.fasterxml.jackson.databind.JsonNode node) {
        if (!node.isArray()) {
            throw new FlinkRestException.MalformedResponse(call, "expected a list of {key, value}");
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode entry : node) {
            if (entry.hasNonNull("key")) {
                config.put(entry.get("key").asText(), entry.path("value").asText(""));
            }
        }
        return config;
    }

    /** {@code GET /jars} ({@code JarListInfo}). */
    static List<UploadedJar> jars(FlinkAnswer answer) {
        List<UploadedJar> jars = new ArrayList<>();
        for (FlinkAnswer file : answer.optionalArray("files")) {
            List<String> entries = new ArrayList<>();
            for (FlinkAnswer entry : file.optionalArray("entry")) {
                entry.optionalText("name").ifPresent(entries::add);
            }
            jars.add(new UploadedJar(file.text("id"), file.text("name"), file.instant("uploaded"), entries));
        }
        return jars;
    }

    /** {@code POST /jars/upload}: the jar id is the file name of the stored upload. */
    static String uploadedJarId(FlinkAnswer answer) {
        String filename = answer.text("filename");
        int slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
        String id = filename.substring(slash + 1);
        if (id.isBlank()) {
            throw answer.invalid("filename", "no file name in \"" + filename + "\"");
        }
        return id;
    }

    /** {@code GET /jobs/:id/savepoints/:triggerId} ({@code AsynchronousOperationResult}). */
    static SavepointStatus savepointStatus(FlinkAnswer answer) {
        String status = answer.object("status").text("id");
        if (status.equals("IN_PROGRESS")) {
            return new SavepointStatus.InProgress();
        }
        if (!status.equals("COMPLETED")) {
            throw answer.invalid("status.id", "unknown operation status \"" + status + "\"");
        }
        FlinkAnswer operation = answer.object("operation");
        Optional<FlinkAnswer> failure = operation.optionalObject("failure-cause");
        if (failure.isPresent()) {
            FlinkAnswer cause = failure.get();
            String text = cause.optionalText("stack-trace")
                    .map(FlinkErrorText::deepestCause)
                    .or(() -> cause.optionalText("class"))
                    .orElse("savepoint failed (Flink gave no cause)");
            return new SavepointStatus.Failed(text);
        }
        return new SavepointStatus.Completed(operation.text("location"));
    }

    /** {@code GET /jobs/:id/resource-requirements} ({@code JobResourceRequirementsBody}). */
    static ResourceRequirements resourceRequirements(FlinkAnswer answer) {
        Map<VertexId, ResourceRequirements.Bounds> vertices = new LinkedHashMap<>();
        for (Map.Entry<String, FlinkAnswer> entry : answer.fields()) {
            FlinkAnswer parallelism = entry.getValue().object("parallelism");
            try {
                vertices.put(
                        new VertexId(entry.getKey()),
                        new ResourceRequirements.Bounds(
                                parallelism.integer("lowerBound"), parallelism.integer("upperBound")));
            } catch (IllegalArgumentException e) {
                throw parallelism.invalid("upperBound", e.getMessage());
            }
        }
        return new ResourceRequirements(vertices);
    }

    /** {@code GET /jobs/:id/exceptions}: the most recent root exception, newest first in the history. */
    static Optional<JobException> latestException(FlinkAnswer answer) {
        Optional<FlinkAnswer> newest = answer.optionalObject("exceptionHistory")
                .flatMap(h -> h.optionalArray("entries").stream().findFirst());
        if (newest.isPresent()) {
            FlinkAnswer entry = newest.get();
            String text = entry.optionalText("stacktrace")
                    .map(FlinkErrorText::deepestCause)
                    .or(() -> entry.optionalText("exceptionName"))
                    .orElse("unknown failure");
            return Optional.of(new JobException(entry.optionalInstant("timestamp"), text));
        }
        return answer.optionalText("root-exception")
                .filter(t -> !t.isBlank())
                .map(t -> new JobException(answer.optionalInstant("timestamp"), FlinkErrorText.deepestCause(t)));
    }

    /** {@code GET /jobs/:id/vertices/:vid/subtasktimes} ({@code SubtasksTimesInfo}): per subtask, when it entered each state. */
    static List<Map<ExecutionState, Instant>> subtaskTimes(FlinkAnswer answer) {
        List<Map<ExecutionState, Instant>> subtasks = new ArrayList<>();
        for (FlinkAnswer subtask : answer.array("subtasks")) {
            Map<ExecutionState, Instant> times = new EnumMap<>(ExecutionState.class);
            subtask.optionalObject("timestamps").ifPresent(ts -> {
                for (Map.Entry<String, FlinkAnswer> entry : ts.fields()) {
                    long millis = entry.getValue().node().asLong(0);
                    ExecutionState state = ExecutionState.parse(entry.getKey());
                    if (millis > 0 && state != ExecutionState.UNKNOWN) {
                        times.put(state, Instant.ofEpochMilli(millis));
                    }
                }
            });
            subtasks.add(times);
        }
        return subtasks;
    }

    static JobId jobId(FlinkAnswer answer, String field) {
        String id = answer.text(field);
        if (id.isBlank()) {
            throw answer.invalid(field, "empty job id");
        }
        return new JobId(id);
    }
}
