package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobVertex;
import dev.scalingadvisor.actions.rescale.request.ParallelismChange;
import dev.scalingadvisor.actions.rescale.request.RescaleTarget;
import dev.scalingadvisor.core.job.VertexId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request's target applied to the job as it runs now: every vertex with its parallelism before and after,
 * or why the request no longer fits the job.
 */
public sealed interface TargetResolution {

    /** Every vertex of the job, changed or not. */
    record Resolved(Map<VertexId, ParallelismChange> vertices) implements TargetResolution {
        public Resolved {
            vertices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vertices));
        }
    }

    /** The job changed since the decision: it does not run at the request's "from" parallelism. */
    record Stale(String reason) implements TargetResolution {}

    /**
     * Per vertex: each named vertex must run at its {@code from} now. Job-wide: vertices at {@code from} move to
     * {@code to}; on a scale-up, vertices that cannot grow (max parallelism at most {@code from}, such as a
     * source pinned to 1) keep theirs.
     */
    static TargetResolution resolve(RescaleTarget target, JobDetails job) {
        Map<VertexId, ParallelismChange> vertices = new LinkedHashMap<>();
        job.vertices().forEach(v -> vertices.put(v.id(), new ParallelismChange(v.parallelism(), v.parallelism())));
        if (target instanceof RescaleTarget.PerVertex perVertex) {
            for (Map.Entry<VertexId, ParallelismChange> change :
                    perVertex.changes().entrySet()) {
                Optional<JobVertex> vertex = job.vertex(change.getKey());
                if (vertex.isEmpty()) {
                    return new Stale("job " + job.id() + " has no vertex " + change.getKey());
                }
                if (vertex.get().parallelism() != change.getValue().from()) {
                    return new Stale(vertex.get().name() + " runs at parallelism "
                            + vertex.get().parallelism() + ", not "
                            + change.getValue().from() + " as the request assumed");
                }
                vertices.put(change.getKey(), change.getValue());
            }
            return new Resolved(vertices);
        }
        ParallelismChange change = ((RescaleTarget.JobWide) target).change();
        boolean any = false;
        for (JobVertex vertex : job.vertices()) {
            boolean pinned = change.isIncrease() && vertex.maxParallelism() <= change.from();
            if (vertex.parallelism() == change.from() && !pinned) {
                vertices.put(vertex.id(), change);
                any = true;
            }
        }
        if (!any) {
            return new Stale("no vertex of job " + job.id() + " that can change runs at parallelism " + change.from()
                    + " (it runs at " + job.parallelism().values() + ")");
        }
        return new Resolved(vertices);
    }
}
