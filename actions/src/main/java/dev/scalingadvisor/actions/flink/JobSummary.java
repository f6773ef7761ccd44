package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.job.JobId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One entry of {@code GET /jobs/overview}: a job's id, name, state and when it started (and ended). */
public record JobSummary(JobId id, String name, JobStatus state, Instant startTime, Optional<Instant> endTime) {

    public JobSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
    }
}
