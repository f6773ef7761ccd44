package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.rules.evaluation.PartialAnswers;
import java.time.Duration;
import java.util.Objects;

/**
 * How often the rules are evaluated, how old a sample may be before it counts as stale (a stale sample is missing
 * data: it never leads to a decision), and what an answer Prometheus warned is partial may decide.
 */
public record EvaluationSettings(Duration interval, Duration maxSampleAge, PartialAnswers partialAnswers) {

    public static final Option<EvaluationSettings, Duration> INTERVAL = Option.duration(
                    "interval", EvaluationSettings::interval, "1s", "1h", "15s")
            .means("how often the rules run; a cycle that overruns skips the next fire");
    public static final Option<EvaluationSettings, Duration> MAX_SAMPLE_AGE = Option.duration(
                    "maxSampleAge", EvaluationSettings::maxSampleAge, "5s", "1h", "2m")
            .means("an older sample is stale: missing data, never a reason to scale");
    public static final Option<EvaluationSettings, PartialAnswers> PARTIAL_ANSWERS = Option.oneOf(
                    "partialAnswers", EvaluationSettings::partialAnswers, PartialAnswers.MISSING)
            .means("an answer Prometheus warned about (a `partial response` from Thanos, Mimir or Cortex with a store"
                    + " down): `missing` treats it as no answer; `fire-up-rules` lets an up-rule's value that fires"
                    + " count (part of the series already asks for more), while a value that does not fire, down-rules"
                    + " and the workload queries stay missing: never a scale-down on a partial answer");

    public static final Section<EvaluationSettings> SECTION = Section.of(
            "How often the rules are evaluated and when a sample is too old to count.",
            v -> new EvaluationSettings(v.get(INTERVAL), v.get(MAX_SAMPLE_AGE), v.get(PARTIAL_ANSWERS)),
            INTERVAL,
            MAX_SAMPLE_AGE,
            PARTIAL_ANSWERS);

    public static final EvaluationSettings DEFAULTS = SECTION.defaults();

    public EvaluationSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxSampleAge, "maxSampleAge");
        Objects.requireNonNull(partialAnswers, "partialAnswers");
    }
}
