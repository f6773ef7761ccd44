package dev.scalingadvisor.rules.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * When a vertex counts as skewed, so that a scale-up would not help: its hottest subtask is busier than
 * {@code maxToAverage} times the vertex average and above {@code hotSubtaskBusy} (a busy ratio in (0, 1]).
 * Once raised, the guard holds (a {@link GuardHold}) until the hottest subtask has stayed at most
 * {@code clearToAverage} times the average, or below {@code hotSubtaskBusy}, for {@code clearFor}: a hot key
 * near the limit must not let a scale-up through on one quieter reading.
 */
public record SkewGuardSettings(double maxToAverage, double hotSubtaskBusy, double clearToAverage, Duration clearFor) {

    public static final SkewGuardSettings DEFAULTS = new SkewGuardSettings(2.0, 0.9, 1.6, Duration.ofMinutes(5));

    public SkewGuardSettings {
        Objects.requireNonNull(clearFor, "clearFor");
        if (!(maxToAverage > 1.0)) {
            throw new IllegalArgumentException("skewGuard.maxToAverage must be greater than 1, got " + maxToAverage);
        }
        if (!(hotSubtaskBusy > 0.0 && hotSubtaskBusy <= 1.0)) {
            throw new IllegalArgumentException("skewGuard.hotSubtaskBusy must be in (0, 1], got " + hotSubtaskBusy);
        }
        if (!(clearToAverage >= 1.0 && clearToAverage <= maxToAverage)) {
            throw new IllegalArgumentException("skewGuard.clearToAverage must be in [1, maxToAverage " + maxToAverage
                    + "], got " + clearToAverage);
        }
        if (clearFor.isNegative()) {
            throw new IllegalArgumentException("skewGuard.clearFor must not be negative");
        }
    }
}
