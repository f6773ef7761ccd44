package dev.scalingadvisor.actions.rescale;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's default savepoint directory, where a stop-with-savepoint without a target directory writes.
 * Flink 1.20 calls the option {@code execution.checkpointing.savepoint-dir} and still reads the older
 * {@code state.savepoints.dir}, which is 1.19's name.
 */
final class SavepointDirectories {

    static final List<String> KEYS = List.of("execution.checkpointing.savepoint-dir", "state.savepoints.dir");

    private SavepointDirectories() {}

    static Optional<String> configured(Map<String, String> jobManagerConfig) {
        return KEYS.stream()
                .map(jobManagerConfig::get)
                .filter(v -> v != null && !v.isBlank())
                .findFirst();
    }
}
