package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.JobVertex;
import dev.scalingadvisor.actions.rescale.request.ParallelismChange;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.core.job.VertexId;
import java.util.Map;
import java.util.Optional;

/** A vertex cannot run at more than its max parallelism: that is the number of key groups its state is split into. */
public final class MaxParallelismGuard implements JobGuard {

    @Override
    public Optional<Refusal> check(PreflightFacts facts) {
        for (Map.Entry<VertexId, ParallelismChange> entry : facts.vertices().entrySet()) {
            Optional<JobVertex> vertex = facts.job().vertex(entry.getKey());
            if (vertex.isPresent() && entry.getValue().to() > vertex.get().maxParallelism()) {
                return Refusal.of(
                        PreflightGuard.MAX_PARALLELISM,
                        vertex.get().name() + " cannot run at "
                                + entry.getValue().to() + ": its max parallelism is "
                                + vertex.get().maxParallelism());
            }
        }
        return Optional.empty();
    }
}
