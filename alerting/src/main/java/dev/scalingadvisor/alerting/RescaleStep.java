package dev.scalingadvisor.alerting;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a rescale and how long it took.
 *
 * @param name      e.g. {@code savepoint}, {@code stop}, {@code submit}, {@code running}
 * @param took      how long the step took (until it failed, for a failed step)
 * @param succeeded whether it completed
 * @param detail    what happened, always for a failed step ({@code savepoint timed out after 10m})
 */
public record RescaleStep(String name, Duration took, boolean succeeded, Optional<String> detail) {

    public RescaleStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(detail, "detail");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a rescale step needs a name");
        }
        if (took.isNegative()) {
            throw new IllegalArgumentException("rescale step " + name + ": took must not be negative");
        }
    }

    public static RescaleStep succeeded(String name, Duration took) {
        return new RescaleStep(name, took, true, Optional.empty());
    }

    public static RescaleStep failed(String name, Duration took, String detail) {
        return new RescaleStep(name, took, false, Optional.of(detail));
    }
}
