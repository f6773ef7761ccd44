package dev.scalingadvisor.advisor.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One row of the decision history: a decision, a recommendation, a rescale step's outcome or a finding,
 * with a one-line summary for people and the full details (explanation, fired rules, guards, timings)
 * as JSON for tools.
 *
 * @param kind    what happened, spelled as the notification event kinds are ({@code recommendation},
 *                {@code rescale-succeeded}, {@code finding} …) or {@code decision} in observe mode
 * @param details a JSON object
 */
public record HistoryEntry(
        Instant at,
        Optional<String> cluster,
        String jobId,
        String jobName,
        String kind,
        Optional<String> direction,
        OptionalInt currentParallelism,
        OptionalInt targetParallelism,
        String mode,
        String summary,
        String details) {

    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(currentParallelism, "currentParallelism");
        Objects.requireNonNull(targetParallelism, "targetParallelism");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(details, "details");
    }
}
