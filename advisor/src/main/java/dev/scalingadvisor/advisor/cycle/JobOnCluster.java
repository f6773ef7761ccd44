package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.core.job.ClusterName;
import java.util.Objects;

/**
 * A job as a rescale knows it: by its cluster and its name, which it keeps when a savepoint-redeploy gives it
 * a new id. At most one rescale runs per job so named.
 */
public record JobOnCluster(ClusterName cluster, String jobName) {

    public JobOnCluster {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(jobName, "jobName");
    }

    @Override
    public String toString() {
        return cluster + "/" + jobName;
    }
}
