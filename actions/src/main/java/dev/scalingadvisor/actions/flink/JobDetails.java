package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /jobs/:id}: a job's state, its vertices with their parallelism, and its topology.
 *
 * @param jobType         {@code STREAMING} or {@code BATCH} (Flink 1.20 and later; empty on 1.19)
 * @param now             the JobManager's clock when it answered, to judge Flink's timestamps without clock skew
 * @param stateTimestamps when the job last entered each state; states it never entered are absent
 * @param edges           the plan's connections between vertices
 */
public record JobDetails(
        JobId id,
        String name,
        JobStatus state,
        Optional<String> jobType,
        Instant startTime,
        Optional<Instant> endTime,
        Instant now,
        Map<JobStatus, Instant> stateTimestamps,
        List<JobVertex> vertices,
        List<JobEdge> edges) {

    public JobDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(jobType, "jobType");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(now, "now");
        stateTimestamps =
                stateTimestamps.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(stateTimestamps));
        vertices = List.copyOf(vertices);
        edges = List.copyOf(edges);
    }

    public Optional<JobVertex> vertex(VertexId vertexId) {
        return vertices.stream().filter(v -> v.id().equals(vertexId)).findFirst();
    }

    /** The job is RUNNING and so is every subtask of every vertex. */
    public boolean isFullyRunning() {
        return state == JobStatus.RUNNING && vertices.stream().allMatch(JobVertex::allTasksRunning);
    }

    /** When the job last entered {@code state}, if it ever did. */
    public Optional<Instant> lastEntered(JobStatus jobState) {
        return Optional.ofNullable(stateTimestamps.get(jobState));
    }

    /** Each vertex's current parallelism, in the job's vertex order. */
    public Map<VertexId, Integer> parallelism() {
        Map<VertexId, Integer> parallelism = new LinkedHashMap<>();
        vertices.forEach(v -> parallelism.put(v.id(), v.parallelism()));
        return parallelism;
    }

    /**
     * The task slots the job needs at the given parallelism per vertex (vertices not listed keep theirs):
     * with slot sharing, each slot sharing group needs as many slots as its most parallel vertex. Flink 1.19
     * does not report groups; then all vertices count as one group, Flink's default.
     */
    public int requiredSlots(Map<VertexId, Integer> parallelismByVertex) {
        Map<String, Integer> perGroup = new HashMap<>();
        for (JobVertex vertex : vertices) {
            int parallelism = parallelismByVertex.getOrDefault(vertex.id(), vertex.parallelism());
            perGroup.merge(vertex.slotSharingGroup().orElse("default"), parallelism, Math::max);
        }
        return perGroup.values().stream().mapToInt(Integer::intValue).sum();
    }
}
