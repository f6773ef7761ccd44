package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.text.Spelling;
import java.util.Objects;

/**
 * When a rule's condition holds: its value is above (or below) {@code fire}; once firing, it stays firing
 * until the value is no longer above (below) {@code clear}. {@code clear} lies on the quiet side of
 * {@code fire} (or equals it, which is plain Prometheus behaviour), so noise around {@code fire} cannot
 * make a firing rule flap.
 */
public record Threshold(Comparison comparison, double fire, double clear) {

    /** Whether a rule fires on high or on low values. */
    public enum Comparison {
        ABOVE,
        BELOW;

        /** How it is written in a pack and in explanations: {@code above}, {@code below}. */
        public String spelling() {
            return Spelling.of(this);
        }

        /** The PromQL comparison operator with the same meaning. */
        public String operator() {
            return this == ABOVE ? ">" : "<";
        }
    }

    public Threshold {
        Objects.requireNonNull(comparison, "comparison");
        if (!Double.isFinite(fire) || !Double.isFinite(clear)) {
            throw new IllegalArgumentException("thresholds must be finite numbers");
        }
        if (comparison == Comparison.ABOVE && clear > fire) {
            throw new IllegalArgumentException("clear " + number(clear) + " is above the firing threshold (above: "
                    + number(fire) + "): the rule would clear while its condition still holds; for an above-rule"
                    + " clear must be at most " + number(fire));
        }
        if (comparison == Comparison.BELOW && clear < fire) {
            throw new IllegalArgumentException("clear " + number(clear) + " is below the firing threshold (below: "
                    + number(fire) + "): the rule would clear while its condition still holds; for a below-rule"
                    + " clear must be at least " + number(fire));
        }
    }

    /** The condition that starts a rule's {@code for} timer and keeps it running. */
    public boolean triggers(double value) {
        return comparison == Comparison.ABOVE ? value > fire : value < fire;
    }

    /** The weaker condition that keeps a firing rule firing. */
    public boolean holds(double value) {
        return comparison == Comparison.ABOVE ? value > clear : value < clear;
    }

    /** {@code above 500 (clear 300)}. */
    public String describe() {
        return comparison.spelling() + " " + number(fire) + (clear == fire ? "" : " (clear " + number(clear) + ")");
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
