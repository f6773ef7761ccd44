package dev.scalingadvisor.rules.testing;

import static dev.scalingadvisor.rules.rule.Threshold.Comparison.ABOVE;
import static dev.scalingadvisor.rules.rule.Threshold.Comparison.BELOW;

import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.Signal;
import dev.scalingadvisor.rules.rule.Threshold;
import java.time.Duration;

/** The two rules most tests step through: one up-rule and one down-rule, with the default pack's thresholds. */
public final class TestRules {

    private TestRules() {}

    /** {@code backpressure}: up when {@code expr} is above 500 for {@code held}; clears below 300. */
    public static Rule backpressure(String expr, Duration held) {
        return Rule.of(
                "backpressure", Signal.BACKPRESSURE, RuleDirection.UP, expr, new Threshold(ABOVE, 500, 300), held);
    }

    /** {@code busy-low}: down when {@code expr} is below 200 for {@code held}; clears above 300. */
    public static Rule busyLow(String expr, Duration held) {
        return Rule.of("busy-low", Signal.BUSY, RuleDirection.DOWN, expr, new Threshold(BELOW, 200, 300), held);
    }
}
