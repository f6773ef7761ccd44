package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.CheckpointStats;
import dev.scalingadvisor.actions.flink.ClusterOverview;
import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobScheduler;
import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Flink says about the job and its cluster just before a rescale, read once for all guards.
 *
 * @param checkpoints      empty when the job does not checkpoint
 * @param jobManagerConfig the configuration the job runs with (scheduler, savepoint directory)
 * @param slotsHeld        the slots allocated to the job, when they were counted (only when the free slots alone
 *                         look too few: the adaptive scheduler keeps idle slots after a scale-down for a while)
 */
public record PreflightFacts(
        RescaleRequest request,
        JobDetails job,
        Optional<CheckpointStats> checkpoints,
        ClusterOverview cluster,
        JobScheduler scheduler,
        Map<String, String> jobManagerConfig,
        TargetResolution resolution,
        OptionalInt slotsHeld) {

    public PreflightFacts {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(scheduler, "scheduler");
        jobManagerConfig = Map.copyOf(jobManagerConfig);
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(slotsHeld, "slotsHeld");
    }

    public static PreflightFacts of(
            RescaleRequest request,
            JobDetails job,
            Optional<CheckpointStats> checkpoints,
            ClusterOverview cluster,
            JobScheduler scheduler,
            Map<String, String> jobManagerConfig) {
        return new PreflightFacts(
                request,
                job,
                checkpoints,
                cluster,
                scheduler,
                jobManagerConfig,
                TargetResolution.resolve(request.changes(), job),
                OptionalInt.empty());
    }

    public PreflightFacts withSlotsHeld(int slots) {
        return new PreflightFacts(
                request, job, checkpoints, cluster, scheduler, jobManagerConfig, resolution, OptionalInt.of(slots));
    }

    /** The slots the job needs beyond those it holds to run at the target (negative for a decrease). */
    public int extraSlotsNeeded() {
        Map<VertexId, Integer> target = vertices().target();
        return job.requiredSlots(target) - slotsHeld.orElse(job.requiredSlots(Map.of()));
    }

    /** Every vertex before and after; only valid once the stale-request guard passed. */
    public ParallelismChanges vertices() {
        if (resolution instanceof TargetResolution.Resolved resolved) {
            return resolved.vertices();
        }
        throw new IllegalStateException(
                "the request does not fit the job: " + ((TargetResolution.Stale) resolution).reason());
    }
}
