package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.job.VertexId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One vertex of a job as {@code GET /jobs/:id} shows it.
 *
 * @param tasks            how many of its subtasks are in each state
 * @param slotSharingGroup the vertex's slot sharing group (Flink 1.20 and later; empty on 1.19)
 */
public record JobVertex(
        VertexId id,
        String name,
        int parallelism,
        int maxParallelism,
        ExecutionState status,
        Map<ExecutionState, Integer> tasks,
        Optional<String> slotSharingGroup) {

    public JobVertex {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(slotSharingGroup, "slotSharingGroup");
        tasks = Map.copyOf(tasks);
        if (parallelism < 1 || maxParallelism < 1) {
            throw new IllegalArgumentException("vertex " + id + ": parallelism and max parallelism must be at least 1");
        }
    }

    /** Every subtask is RUNNING, not just scheduled or deploying. */
    public boolean allTasksRunning() {
        return tasks.getOrDefault(ExecutionState.RUNNING, 0) == parallelism;
    }

    public int tasksIn(ExecutionState state) {
        return tasks.getOrDefault(state, 0);
    }
}
