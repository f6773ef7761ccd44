package dev.scalingadvisor.core.scaling;

import dev.scalingadvisor.core.text.Spelling;

/** Which way a decision, a recommendation or a rescale moves a job's parallelism; {@link #NONE} when it does not. */
public enum Direction {
    UP,
    DOWN,
    NONE;

    /** {@code up}, {@code down}, {@code none}: as in JSON, payloads, metric labels and messages. */
    public String spelling() {
        return Spelling.of(this);
    }

    /** The direction of a change from {@code from} to {@code to}. */
    public static Direction of(int from, int to) {
        return to > from ? UP : to < from ? DOWN : NONE;
    }
}
