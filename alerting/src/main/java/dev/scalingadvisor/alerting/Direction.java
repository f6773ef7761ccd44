package dev.scalingadvisor.alerting;

import java.util.Locale;

/** Which way an event would move or moved a job's parallelism; {@link #NONE} for findings. */
public enum Direction {
    UP,
    DOWN,
    NONE;

    /** As written in payloads and labels: {@code up}, {@code down}, {@code none}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction of a change from {@code current} to {@code target}. */
    public static Direction of(int current, int target) {
        return target > current ? UP : target < current ? DOWN : NONE;
    }
}
