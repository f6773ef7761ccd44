package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.rules.query.JobLabels;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine evaluates: every {@code interval}; a sample older than {@code maxSampleAge} is stale,
 * which is missing data; {@code labels} identify jobs and vertices in query results; state of a job not
 * seen for {@code forgetAfter} is dropped; {@code partialAnswers} says what an answer Prometheus warned about may
 * decide.
 */
public record EvaluatorSettings(
        Duration interval,
        Duration maxSampleAge,
        JobLabels labels,
        Duration forgetAfter,
        PartialAnswers partialAnswers) {

    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofDays(1);

    public EvaluatorSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxSampleAge, "maxSampleAge");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        Objects.requireNonNull(partialAnswers, "partialAnswers");
        if (interval.isNegative() || interval.isZero() || maxSampleAge.isNegative() || maxSampleAge.isZero()) {
            throw new IllegalArgumentException("interval and maxSampleAge must be positive");
        }
    }

    public static EvaluatorSettings of(Duration interval, Duration maxSampleAge, JobLabels labels) {
        return new EvaluatorSettings(interval, maxSampleAge, labels, DEFAULT_FORGET_AFTER, PartialAnswers.MISSING);
    }

    public EvaluatorSettings withPartialAnswers(PartialAnswers use) {
        return new EvaluatorSettings(interval, maxSampleAge, labels, forgetAfter, use);
    }
}
