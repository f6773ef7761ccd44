package dev.scalingadvisor.rules.decision;

import java.util.Locale;

/** Which way a decision goes. */
public enum Direction {
    UP,
    DOWN,
    NONE;

    /** {@code up}, {@code down}, {@code none}: as in JSON and messages. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
