package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration of one advisor, read from one YAML file and valid as a whole: the loader never
 * returns a half-valid one.
 *
 * @param source   the file it was read from
 * @param defaults the settings of jobs no {@code jobs[]} entry selects
 * @param jobs     per-job overrides, first match wins
 */
public record AdvisorConfig(
        Path source,
        HttpEndpoint prometheus,
        List<FlinkClusterSettings> flinkClusters,
        EvaluationSettings evaluation,
        RulesSettings rules,
        JobSettings defaults,
        List<JobOverride> jobs,
        List<NotifierSettings> notifiers,
        StateSettings state,
        HttpServerSettings http) {

    public AdvisorConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(prometheus, "prometheus");
        flinkClusters = List.copyOf(flinkClusters);
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(defaults, "defaults");
        jobs = List.copyOf(jobs);
        notifiers = List.copyOf(notifiers);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(http, "http");
    }

    /** The settings in force for a job: those of the first {@code jobs[]} entry that selects it, else the defaults. */
    public JobSettings settingsFor(Optional<ClusterName> cluster, JobRef job) {
        return jobs.stream()
                .filter(j -> j.selector().matches(cluster, job))
                .findFirst()
                .map(JobOverride::settings)
                .orElse(defaults);
    }

    public Optional<FlinkClusterSettings> cluster(ClusterName name) {
        return flinkClusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
