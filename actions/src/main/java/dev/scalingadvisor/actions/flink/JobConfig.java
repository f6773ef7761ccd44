package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.job.JobId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code GET /jobs/:id/config}: the job's execution config.
 *
 * @param jobParallelism the job-wide default parallelism the job was submitted with, when Flink reports one
 * @param userConfig     the job's global job parameters (often its program arguments)
 */
public record JobConfig(
        JobId id,
        String name,
        OptionalInt jobParallelism,
        Optional<String> restartStrategy,
        Map<String, String> userConfig) {

    public JobConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jobParallelism, "jobParallelism");
        Objects.requireNonNull(restartStrategy, "restartStrategy");
        userConfig = Map.copyOf(userConfig);
    }
}
