package dev.scalingadvisor.testbed.prometheus;

import java.time.Instant;
import java.util.Objects;

/** One value of a series at one instant; the value may be NaN, as Prometheus allows. */
public record Sample(Instant at, double value) {

    public Sample {
        Objects.requireNonNull(at, "at");
    }
}
