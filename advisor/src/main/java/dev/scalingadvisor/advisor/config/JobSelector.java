package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.job.JobRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Which jobs a {@code jobs[]} entry applies to: by id, or by a regular expression that must match the
 * whole job name (as Prometheus label matchers do), optionally only on one cluster.
 */
public record JobSelector(Optional<String> jobId, Optional<JobNamePattern> nameRegex, Optional<ClusterName> cluster) {

    public JobSelector {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(nameRegex, "nameRegex");
        Objects.requireNonNull(cluster, "cluster");
        if (jobId.isPresent() == nameRegex.isPresent()) {
            throw new IllegalArgumentException("set exactly one of jobId or nameRegex");
        }
    }

    /**
     * @param cluster the job's cluster, empty when the advisor knows jobs from Prometheus only
     * @param job     its name is the real one when Flink REST is configured, otherwise its (sanitised) label value
     */
    public boolean matches(Optional<ClusterName> cluster, JobRef job) {
        if (this.cluster.isPresent() && !this.cluster.equals(cluster)) {
            return false;
        }
        return this.jobId
                .map(job.id().value()::equals)
                .orElseGet(() -> nameRegex.get().matches(job.name()));
    }
}
