package dev.scalingadvisor.actions.flink;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The most recent failure of a job from {@code GET /jobs/:id/exceptions}, in Flink's words (the root cause of the stack trace). */
public record JobException(Optional<Instant> at, String message) {

    public JobException {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }
}
