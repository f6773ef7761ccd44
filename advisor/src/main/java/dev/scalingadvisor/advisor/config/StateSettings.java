package dev.scalingadvisor.advisor.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** Where the advisor keeps its state database, and how long the decision history is kept. */
public record StateSettings(Path dir, Duration historyRetention) {

    public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(30);

    public StateSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(historyRetention, "historyRetention");
    }
}
