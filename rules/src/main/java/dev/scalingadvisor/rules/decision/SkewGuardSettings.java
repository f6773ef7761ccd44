package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
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

    public static final Option<SkewGuardSettings, Double> MAX_TO_AVERAGE = Option.decimal(
                    "maxToAverage", SkewGuardSettings::maxToAverage, 1.0001, 1000, 2.0)
            .means("a vertex is skewed when its hottest subtask is busier than this times the vertex average ...");
    public static final Option<SkewGuardSettings, Double> HOT_SUBTASK_BUSY = Option.decimal(
                    "hotSubtaskBusy", SkewGuardSettings::hotSubtaskBusy, 0.01, 1.0, 0.9)
            .means("... and that subtask's busy ratio is at least this");
    public static final Option<SkewGuardSettings, Double> CLEAR_TO_AVERAGE = Option.decimal(
                    "clearToAverage", SkewGuardSettings::clearToAverage, 1.0, 1000, 1.6)
            .means("a raised guard clears once the hottest subtask stays at most this times the average (or below"
                    + " `hotSubtaskBusy`) for `clearFor`; at most `maxToAverage` (left out, it is lowered to it)");
    public static final Option<SkewGuardSettings, Duration> CLEAR_FOR = Option.of(
                    "clearFor", SkewGuardSettings::clearFor, ScalingSettings.GRACE, Duration.ofMinutes(5))
            .means("how long the hottest subtask must stay clear before the guard clears");

    public static final Section<SkewGuardSettings> SECTION = Section.of(
                    "A hot key is not fixed by more parallelism: a skewed vertex is reported as a finding instead of"
                            + " scaled up.",
                    // a clear threshold left out follows a lowered maxToAverage; one written above it is an error
                    v -> new SkewGuardSettings(
                            v.get(MAX_TO_AVERAGE),
                            v.get(HOT_SUBTASK_BUSY),
                            Math.min(v.get(CLEAR_TO_AVERAGE), v.get(MAX_TO_AVERAGE)),
                            v.get(CLEAR_FOR)),
                    MAX_TO_AVERAGE,
                    HOT_SUBTASK_BUSY,
                    CLEAR_TO_AVERAGE,
                    CLEAR_FOR)
            .checkedBy((v, mapping) -> Section.atMost(v, mapping, CLEAR_TO_AVERAGE, MAX_TO_AVERAGE));

    public static final SkewGuardSettings DEFAULTS = SECTION.defaults();

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
