package dev.scalingadvisor.actions.flink;

import java.util.Objects;

/** The answer of {@code GET /jobs/:id/savepoints/:triggerId}: still running, done with a location, or failed with Flink's reason. */
public sealed interface SavepointStatus {

    /** The savepoint is being taken. */
    record InProgress() implements SavepointStatus {}

    /** The savepoint is complete and stored at {@code location} (for stop-with-savepoint, the job then finishes). */
    record Completed(String location) implements SavepointStatus {
        public Completed {
            Objects.requireNonNull(location, "location");
            if (location.isBlank()) {
                throw new IllegalArgumentException("a completed savepoint needs a location");
            }
        }
    }

    /** The savepoint failed; {@code cause} is Flink's failure cause (for stop-with-savepoint, the job keeps running). */
    record Failed(String cause) implements SavepointStatus {
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
