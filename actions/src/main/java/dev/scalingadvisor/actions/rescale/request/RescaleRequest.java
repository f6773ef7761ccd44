package dev.scalingadvisor.actions.rescale.request;

import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.util.Objects;
import java.util.Optional;

/**
 * What the daemon asks the executor to do: rescale one job of one cluster, for a reason people can read.
 *
 * @param changes  the vertices to change, each from the parallelism it runs at now (or the request is stale
 *                 and refused); every other vertex keeps its parallelism
 * @param settings the job's effective {@code rescale:} settings
 * @param reason   why, in words for the notification and the journal (e.g. the decision's summary)
 * @param context  handed back on every event of this rescale
 */
public record RescaleRequest(
        ClusterName cluster,
        JobRef job,
        ParallelismChanges changes,
        RescaleSettings settings,
        String reason,
        Optional<RequestContext> context) {

    public RescaleRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(context, "context");
        if (!changes.changesAny()) {
            throw new IllegalArgumentException("a rescale of job " + job.name() + " must change at least one vertex");
        }
    }
}
