package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.rescale.request.RequestContext;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rescale an event is about: the job, what was asked and why, the caller's context, and, once it
 * started, the operation's id and the strategy chosen for it.
 *
 * @param job     the job as it was when the rescale was asked for (a savepoint-redeploy gives it a new id)
 * @param changes the vertices that change, with their names
 */
public record RescaleSubject(
        ClusterName cluster,
        JobRef job,
        String reason,
        ParallelismChanges changes,
        Optional<OperationId> operation,
        Optional<RescaleStrategy> strategy,
        Optional<RequestContext> context) {

    public RescaleSubject {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(context, "context");
    }

    static RescaleSubject of(RescaleRequest request) {
        return new RescaleSubject(
                request.cluster(),
                request.job(),
                request.reason(),
                request.changes(),
                Optional.empty(),
                Optional.empty(),
                request.context());
    }

    static RescaleSubject of(RescalePlan plan, Optional<RequestContext> context) {
        return new RescaleSubject(
                plan.cluster(),
                plan.job(),
                plan.reason(),
                plan.vertices().changed(),
                Optional.of(plan.id()),
                Optional.of(plan.strategy()),
                context);
    }

    RescaleSubject withStrategy(RescaleStrategy chosen) {
        return new RescaleSubject(cluster, job, reason, changes, operation, Optional.of(chosen), context);
    }
}
