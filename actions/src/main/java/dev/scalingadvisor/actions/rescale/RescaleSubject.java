package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.actions.rescale.request.RescaleTarget;
import dev.scalingadvisor.core.job.JobId;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rescale an event is about: the job, what was asked and why, and, once it started, the operation's id
 * and the strategy chosen for it.
 */
public record RescaleSubject(
        String cluster,
        JobId job,
        String jobName,
        String reason,
        RescaleTarget target,
        Optional<OperationId> operation,
        Optional<RescaleStrategy> strategy) {

    public RescaleSubject {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(strategy, "strategy");
    }

    static RescaleSubject of(RescaleRequest request) {
        return new RescaleSubject(
                request.cluster(),
                request.job(),
                request.jobName(),
                request.reason(),
                request.target(),
                Optional.empty(),
                Optional.empty());
    }

    static RescaleSubject of(RescalePlan plan) {
        return new RescaleSubject(
                plan.cluster(),
                plan.job(),
                plan.jobName(),
                plan.reason(),
                new RescaleTarget.PerVertex(plan.changes()),
                Optional.of(plan.id()),
                Optional.of(plan.strategy()));
    }
}
