package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import java.util.Map;
import java.util.Optional;

/**
 * What the configured Flink clusters' REST APIs said in one cycle: the facts the rule engine uses (real
 * names, parallelism and key groups per vertex, start times, free slots, last rescale), which cluster runs
 * which job, and the clusters that could not be read (their jobs fall back to what Prometheus shows).
 *
 * @param problems per cluster name, why it could not be read; clusters read fine are absent
 */
public record FlinkView(
        Map<JobId, JobFacts> facts, Map<JobId, ClusterName> clusters, Map<ClusterName, String> problems) {

    public static final FlinkView NONE = new FlinkView(Map.of(), Map.of(), Map.of());

    public FlinkView {
        facts = Map.copyOf(facts);
        clusters = Map.copyOf(clusters);
        problems = Map.copyOf(problems);
    }

    public Optional<ClusterName> clusterOf(JobId job) {
        return Optional.ofNullable(clusters.get(job));
    }
}
