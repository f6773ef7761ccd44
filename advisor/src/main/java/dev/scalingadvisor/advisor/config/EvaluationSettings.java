package dev.scalingadvisor.advisor.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How often the rules are evaluated, and how old a sample may be before it counts as stale (a stale
 * sample is missing data: it never leads to a decision).
 */
public record EvaluationSettings(Duration interval, Duration maxSampleAge) {

    public static final EvaluationSettings DEFAULTS =
            new EvaluationSettings(Duration.ofSeconds(15), Duration.ofMinutes(2));

    public EvaluationSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxSampleAge, "maxSampleAge");
    }
}
