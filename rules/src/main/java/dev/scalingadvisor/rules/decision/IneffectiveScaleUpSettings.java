package dev.scalingadvisor.rules.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * When a scale-up counts as ineffective and what follows: if a vertex's throughput gained less than
 * {@code minGainRatio} of what the added parallelism promised, further scale-ups of it are blocked for
 * {@code blockFor}.
 */
public record IneffectiveScaleUpSettings(double minGainRatio, Duration blockFor) {

    public static final IneffectiveScaleUpSettings DEFAULTS = new IneffectiveScaleUpSettings(0.2, Duration.ofHours(6));

    public IneffectiveScaleUpSettings {
        Objects.requireNonNull(blockFor, "blockFor");
        if (!(minGainRatio > 0.0 && minGainRatio < 1.0)) {
            throw new IllegalArgumentException("ineffectiveScaleUp.minGainRatio must be in (0, 1), got " + minGainRatio);
        }
        if (blockFor.isNegative()) {
            throw new IllegalArgumentException("ineffectiveScaleUp.blockFor must not be negative");
        }
    }
}
