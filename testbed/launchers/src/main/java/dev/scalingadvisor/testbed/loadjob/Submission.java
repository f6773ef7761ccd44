package dev.scalingadvisor.testbed.loadjob;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one run of the load job is submitted: its default parallelism (the heavy operator's; source and ledger
 * stay at 1), an optional savepoint to restore, and Flink configuration for this job only.
 */
public record Submission(int parallelism, Optional<String> savepointPath, Map<String, String> flinkConfiguration) {

    public Submission {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        Objects.requireNonNull(savepointPath, "savepointPath");
        flinkConfiguration = Map.copyOf(flinkConfiguration);
    }

    public static Submission parallelism(int parallelism) {
        return new Submission(parallelism, Optional.empty(), Map.of());
    }

    /** Restores this savepoint (a {@code file:/…} location as stop-with-savepoint returns it). */
    public Submission fromSavepoint(String path) {
        return new Submission(parallelism, Optional.of(path), flinkConfiguration);
    }

    /** Adds a per-job Flink configuration entry, e.g. {@code pipeline.jobvertex-parallelism-overrides}. */
    public Submission withFlinkConfiguration(String key, String value) {
        Map<String, String> config = new LinkedHashMap<>(flinkConfiguration);
        config.put(key, value);
        return new Submission(parallelism, savepointPath, config);
    }

    /** Runs vertex {@code vertexId} at {@code vertexParallelism} (Flink's per-vertex override, default scheduler). */
    public Submission withVertexParallelism(String vertexId, int vertexParallelism) {
        return withFlinkConfiguration("pipeline.jobvertex-parallelism-overrides", vertexId + ":" + vertexParallelism);
    }
}
