package dev.scalingadvisor.rules.decision;

/**
 * When a vertex counts as skewed, so that a scale-up would not help: its hottest subtask is busier than
 * {@code maxToAverage} times the vertex average and above {@code hotSubtaskBusy} (a busy ratio in (0, 1]).
 */
public record SkewGuardSettings(double maxToAverage, double hotSubtaskBusy) {

    public static final SkewGuardSettings DEFAULTS = new SkewGuardSettings(2.0, 0.9);

    public SkewGuardSettings {
        if (!(maxToAverage > 1.0)) {
            throw new IllegalArgumentException("skewGuard.maxToAverage must be greater than 1, got " + maxToAverage);
        }
        if (!(hotSubtaskBusy > 0.0 && hotSubtaskBusy <= 1.0)) {
            throw new IllegalArgumentException("skewGuard.hotSubtaskBusy must be in (0, 1], got " + hotSubtaskBusy);
        }
    }
}
