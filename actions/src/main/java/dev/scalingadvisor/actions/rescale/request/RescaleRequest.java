package dev.scalingadvisor.actions.rescale.request;

import dev.scalingadvisor.core.job.JobId;
import java.util.Objects;

/**
 * What the daemon asks the executor to do: rescale one job of one cluster, for a reason people can read.
 *
 * @param cluster  the name of the cluster in {@code flink.clusters}
 * @param jobName  for messages; the job is identified by {@code job}
 * @param settings the job's effective {@code rescale:} settings
 * @param reason   why, in words for the notification and the journal (e.g. the decision's summary)
 */
public record RescaleRequest(
        String cluster, JobId job, String jobName, RescaleTarget target, RescaleSettings settings, String reason) {

    public RescaleRequest {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(reason, "reason");
    }
}
