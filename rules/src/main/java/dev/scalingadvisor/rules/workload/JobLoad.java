package dev.scalingadvisor.rules.workload;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the workload queries said about one job: per-vertex load plus job-wide figures for sizing and guards.
 *
 * @param name          the job's (sanitised) name from the {@code job_name} label
 * @param uptime        {@code flink_jobmanager_job_uptime}: how long the job has been running since its last (re)start
 * @param hostCpu       CPU load (0 to 1) of the least loaded host running the job's subtasks, summed over
 *                      the TaskManagers on that host; at or above saturation, every host of the job is saturated
 * @param backlog       records waiting in the sources (Kafka: pending records, else the consumers' max lag)
 * @param backlogGrowth how fast the backlog grows, records per second (negative while it drains)
 * @param sourceRate    records per second the sources read
 */
public record JobLoad(
        JobId job,
        String name,
        Map<VertexId, VertexLoad> vertices,
        Optional<Duration> uptime,
        OptionalDouble hostCpu,
        OptionalDouble backlog,
        OptionalDouble backlogGrowth,
        OptionalDouble sourceRate) {

    public JobLoad {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(name, "name");
        vertices = Collections.unmodifiableMap(new LinkedHashMap<>(vertices));
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(hostCpu, "hostCpu");
        Objects.requireNonNull(backlog, "backlog");
        Objects.requireNonNull(backlogGrowth, "backlogGrowth");
        Objects.requireNonNull(sourceRate, "sourceRate");
    }

    public static JobLoad empty(JobId job, String name) {
        return new JobLoad(
                job,
                name,
                Map.of(),
                Optional.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty());
    }

    /** When the least recently scraped subtask of any vertex was sampled; empty without task metrics. */
    public Optional<Instant> oldestSample() {
        return vertices.values().stream()
                .flatMap(v -> v.oldestSample().stream())
                .min(Comparator.naturalOrder());
    }
}
