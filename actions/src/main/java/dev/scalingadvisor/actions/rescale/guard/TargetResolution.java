package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobVertex;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's changes applied to the job as it runs now: every vertex with its parallelism before and after,
 * or why the request no longer fits the job.
 */
public sealed interface TargetResolution {

    /** Every vertex of the job, changed or not, named as Flink names it. */
    record Resolved(ParallelismChanges vertices) implements TargetResolution {}

    /** The job changed since the decision: it does not run at the request's "from" parallelism. */
    record Stale(String reason) implements TargetResolution {}

    /** Each requested vertex must run at its {@code from} now; every other vertex keeps its parallelism. */
    static TargetResolution resolve(ParallelismChanges requested, JobDetails job) {
        for (ParallelismChange change : requested.vertices()) {
            Optional<JobVertex> vertex = job.vertex(change.vertex());
            if (vertex.isEmpty()) {
                return new Stale("job " + job.id() + " has no vertex " + change.name() + " (" + change.vertex() + ")");
            }
            if (vertex.get().parallelism() != change.from()) {
                return new Stale(vertex.get().name() + " runs at parallelism "
                        + vertex.get().parallelism() + ", not " + change.from() + " as the request assumed");
            }
        }
        List<ParallelismChange> vertices = new ArrayList<>();
        for (JobVertex vertex : job.vertices()) {
            int to = requested.vertex(vertex.id()).map(ParallelismChange::to).orElse(vertex.parallelism());
            vertices.add(new ParallelismChange(vertex.id(), vertex.name(), vertex.parallelism(), to));
        }
        return new Resolved(new ParallelismChanges(vertices));
    }
}
