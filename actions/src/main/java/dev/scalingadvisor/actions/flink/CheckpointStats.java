package dev.scalingadvisor.actions.flink;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /jobs/:id/checkpoints}: counts, the latest completed, failed and restored checkpoints, and the
 * recent history (as many entries as the cluster's {@code web.checkpoints.history}).
 */
public record CheckpointStats(
        long completedCount,
        long failedCount,
        int inProgressCount,
        Optional<Completed> latestCompleted,
        Optional<Completed> latestSavepoint,
        Optional<Failed> latestFailed,
        Optional<Restored> restored,
        List<Attempt> history) {

    public CheckpointStats {
        Objects.requireNonNull(latestCompleted, "latestCompleted");
        Objects.requireNonNull(latestSavepoint, "latestSavepoint");
        Objects.requireNonNull(latestFailed, "latestFailed");
        Objects.requireNonNull(restored, "restored");
        history = List.copyOf(history);
    }

    /** Checkpoints (not savepoints) that failed at or after {@code since}, from the history and the latest failure. */
    public int checkpointFailuresSince(Instant since) {
        Set<Long> failed = new HashSet<>();
        for (Attempt attempt : history) {
            if (attempt.status() == Status.FAILED
                    && !attempt.savepoint()
                    && !attempt.failedAt().orElse(attempt.triggeredAt()).isBefore(since)) {
                failed.add(attempt.id());
            }
        }
        latestFailed
                .filter(f -> !f.savepoint() && !f.failedAt().isBefore(since))
                .ifPresent(f -> failed.add(f.id()));
        return failed.size();
    }

    /** A checkpoint's status in the statistics. */
    public enum Status {
        IN_PROGRESS,
        COMPLETED,
        FAILED,
        UNKNOWN
    }

    /**
     * A completed checkpoint or savepoint.
     *
     * @param completedAt  when the last subtask acknowledged it ({@code latest_ack_timestamp})
     * @param externalPath where it is stored, when it is retained or a savepoint
     */
    public record Completed(
            long id, boolean savepoint, Instant triggeredAt, Instant completedAt, Optional<String> externalPath) {
        public Completed {
            Objects.requireNonNull(triggeredAt, "triggeredAt");
            Objects.requireNonNull(completedAt, "completedAt");
            Objects.requireNonNull(externalPath, "externalPath");
        }
    }

    /** A failed checkpoint or savepoint with Flink's failure message. */
    public record Failed(long id, boolean savepoint, Instant triggeredAt, Instant failedAt, Optional<String> message) {
        public Failed {
            Objects.requireNonNull(triggeredAt, "triggeredAt");
            Objects.requireNonNull(failedAt, "failedAt");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The checkpoint or savepoint the job was last restored from. */
    public record Restored(long id, boolean savepoint, Instant restoredAt, Optional<String> externalPath) {
        public Restored {
            Objects.requireNonNull(restoredAt, "restoredAt");
            Objects.requireNonNull(externalPath, "externalPath");
        }
    }

    /** One entry of the recent history. */
    public record Attempt(long id, Status status, boolean savepoint, Instant triggeredAt, Optional<Instant> failedAt) {
        public Attempt {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(triggeredAt, "triggeredAt");
            Objects.requireNonNull(failedAt, "failedAt");
        }
    }
}
