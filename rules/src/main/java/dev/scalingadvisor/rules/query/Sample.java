package dev.scalingadvisor.rules.query;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of a series at one instant, as Prometheus answered it. The value may be NaN or ±Inf:
 * Prometheus allows both, and callers decide what they mean (a rule treats them as missing data).
 */
public record Sample(Instant at, double value) {

    public Sample {
        Objects.requireNonNull(at, "at");
    }

    public boolean isFinite() {
        return Double.isFinite(value);
    }
}
