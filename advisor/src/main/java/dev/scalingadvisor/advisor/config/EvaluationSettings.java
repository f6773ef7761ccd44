package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import java.time.Duration;
import java.util.Objects;

/**
 * How often the rules are evaluated, and how old a sample may be before it counts as stale (a stale
 * sample is missing data: it never leads to a decision).
 */
public record EvaluationSettings(Duration interval, Duration maxSampleAge) {

    public static final Option<EvaluationSettings, Duration> INTERVAL = Option.duration(
                    "interval", EvaluationSettings::interval, "1s", "1h", "15s")
            .means("how often the rules run; a cycle that overruns skips the next fire");
    public static final Option<EvaluationSettings, Duration> MAX_SAMPLE_AGE = Option.duration(
                    "maxSampleAge", EvaluationSettings::maxSampleAge, "5s", "1h", "2m")
            .means("an older sample is stale: missing data, never a reason to scale");

    public static final Section<EvaluationSettings> SECTION = Section.of(
            "How often the rules are evaluated and when a sample is too old to count.",
            v -> new EvaluationSettings(v.get(INTERVAL), v.get(MAX_SAMPLE_AGE)),
            INTERVAL,
            MAX_SAMPLE_AGE);

    public static final EvaluationSettings DEFAULTS = SECTION.defaults();

    public EvaluationSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxSampleAge, "maxSampleAge");
    }
}
