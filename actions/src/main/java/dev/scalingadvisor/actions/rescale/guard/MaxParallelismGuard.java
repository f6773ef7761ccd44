package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.JobVertex;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import java.util.Optional;

/** A vertex cannot run at more than its max parallelism: that is the number of key groups its state is split into. */
public final class MaxParallelismGuard implements JobGuard {

    @Override
    public Optional<Refusal> check(PreflightFacts facts) {
        for (ParallelismChange change : facts.vertices().vertices()) {
            Optional<JobVertex> vertex = facts.job().vertex(change.vertex());
            if (vertex.isPresent() && change.to() > vertex.get().maxParallelism()) {
                return Refusal.of(
                        PreflightGuard.MAX_PARALLELISM,
                        vertex.get().name() + " cannot run at "
                                + change.to() + ": its max parallelism is "
                                + vertex.get().maxParallelism());
            }
        }
        return Optional.empty();
    }
}
