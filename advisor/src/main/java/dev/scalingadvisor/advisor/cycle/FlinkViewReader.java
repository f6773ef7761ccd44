package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.flink.ClusterOverview;
import dev.scalingadvisor.actions.flink.FlinkClusterSettings;
import dev.scalingadvisor.actions.flink.FlinkClusters;
import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.FlinkRestException;
import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.flink.JobSummary;
import dev.scalingadvisor.actions.flink.JobVertex;
import dev.scalingadvisor.actions.rescale.JournalEntry;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexFacts;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a {@link FlinkView} from every configured cluster: its overview, its jobs, and the details of each
 * running job, every call through the cluster's circuit breaker. A cluster that fails is reported, not
 * retried within the cycle: its jobs are still evaluated from Prometheus, but nothing acts on them.
 */
public final class FlinkViewReader {

    private final FlinkClusters clusters;
    private final Optional<RescaleJournal> journal;

    /** @param journal where the last rescale of each job is read from (cooldowns survive a new job id) */
    public FlinkViewReader(FlinkClusters clusters, Optional<RescaleJournal> journal) {
        this.clusters = clusters;
        this.journal = journal;
    }

    public FlinkView read(List<FlinkClusterSettings> configured) {
        Map<JobId, JobFacts> facts = new LinkedHashMap<>();
        Map<JobId, ClusterName> owners = new HashMap<>();
        Map<ClusterName, String> problems = new LinkedHashMap<>();
        for (FlinkClusterSettings cluster : configured) {
            try {
                FlinkRestClient client = clusters.client(cluster);
                ClusterOverview overview = client.clusterOverview();
                for (JobSummary summary : client.jobs()) {
                    owners.put(summary.id(), cluster.name());
                    if (summary.state() == JobStatus.RUNNING) {
                        client.findJob(summary.id())
                                .ifPresent(
                                        details -> facts.put(details.id(), factsOf(cluster.name(), details, overview)));
                    }
                }
            } catch (FlinkRestException e) {
                problems.put(cluster.name(), e.getMessage());
            } catch (RuntimeException e) {
                // Not a failed call but a bug or bad input (an answer that breaks a parser, a header OkHttp
                // refuses): this cluster goes unread, the others are read as usual.
                problems.put(cluster.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return new FlinkView(facts, owners, problems);
    }

    private JobFacts factsOf(ClusterName cluster, JobDetails details, ClusterOverview overview) {
        Map<VertexId, VertexFacts> vertices = new LinkedHashMap<>();
        for (JobVertex vertex : details.vertices()) {
            vertices.put(
                    vertex.id(),
                    new VertexFacts(vertex.name(), vertex.parallelism(), OptionalInt.of(vertex.maxParallelism())));
        }
        // A restart after a failure resets the metrics as much as a new submission does: stabilize from it.
        Instant startedAt = details.stateTimestamps().getOrDefault(JobStatus.RUNNING, details.startTime());
        return new JobFacts(
                Optional.of(details.name()),
                Optional.of(startedAt),
                vertices,
                lastRescale(cluster, details.name()),
                OptionalInt.of(overview.slotsAvailable()));
    }

    /**
     * By name: a savepoint-redeploy gives the job a new id, and its cooldown must follow it. From the restart, not
     * from the end of the verify window (docs/rescale.md, cooldowns).
     */
    private Optional<Instant> lastRescale(ClusterName cluster, String jobName) {
        return journal.flatMap(j -> j.history(cluster, jobName, 1).stream().findFirst())
                .map(JournalEntry::restartedAt);
    }
}
