package dev.scalingadvisor.advisor.backtest;

import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.rule.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job's history reduced for drawing: the range cut into at most {@link #MAX_BUCKETS} buckets, per bucket
 * each rule's lowest and highest value and its most advanced state, and each vertex's parallelism; plus the
 * decisions. Bounded whatever the range, so that a week of 100 jobs fits in a small heap.
 *
 * @param buckets how many buckets the range has (every array below has this length)
 */
public record JobChart(
        Instant from,
        Duration bucket,
        int buckets,
        List<RuleLine> rules,
        List<VertexLine> vertices,
        List<DecisionAt> decisions) {

    /** Enough for a chart a screen wide. */
    public static final int MAX_BUCKETS = 720;

    public JobChart {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(bucket, "bucket");
        rules = List.copyOf(rules);
        vertices = List.copyOf(vertices);
        decisions = List.copyOf(decisions);
    }

    public Instant to() {
        return from.plus(bucket.multipliedBy(buckets));
    }

    /**
     * One rule over time. {@code min}/{@code max} are NaN in buckets without a value; {@code state} is the most
     * advanced state of the bucket ({@link RuleStatus#FIRING} over {@code PENDING} over the rest), null
     * without data.
     */
    public record RuleLine(
            String name,
            RuleDirection direction,
            Threshold threshold,
            double[] min,
            double[] max,
            RuleStatus[] state) {}

    /** One vertex's parallelism at the end of each bucket; 0 where unknown. */
    public record VertexLine(String label, int[] parallelism) {}
}
