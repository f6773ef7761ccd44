package dev.scalingadvisor.advisor.backtest;

import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.FindingAt;
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
 * decisions and findings, and any panels of plain measurements a driver knows besides the rules (the
 * simulator's offered load and capacity). Bounded whatever the range, so that a week of 100 jobs fits in a
 * small heap. {@link JobChartRecorder} builds it step by step; {@link SvgChart} draws it.
 *
 * @param buckets how many buckets the range has (every array below has this length)
 */
public record JobChart(
        Instant from,
        Duration bucket,
        int buckets,
        List<MeasurementPanel> measurements,
        List<RuleLine> rules,
        List<VertexLine> vertices,
        List<DecisionAt> decisions,
        List<FindingAt> findings) {

    /** Enough for a chart a screen wide. */
    public static final int MAX_BUCKETS = 720;

    public JobChart {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(bucket, "bucket");
        measurements = List.copyOf(measurements);
        rules = List.copyOf(rules);
        vertices = List.copyOf(vertices);
        decisions = List.copyOf(decisions);
        findings = List.copyOf(findings);
    }

    public Instant to() {
        return from.plus(bucket.multipliedBy(buckets));
    }

    /** The same chart with other decision marks (the page marks what the daemon really told). */
    public JobChart withDecisions(List<DecisionAt> told) {
        return new JobChart(from, bucket, buckets, measurements, rules, vertices, told, findings);
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

    /** One vertex's parallelism at the end of each bucket (or a parallelism to compare with); 0 where unknown. */
    public record VertexLine(String label, int[] parallelism) {}

    /** A panel of measurements in one unit, drawn as lines on a scale from zero. */
    public record MeasurementPanel(String title, List<MeasurementLine> lines) {
        public MeasurementPanel {
            Objects.requireNonNull(title, "title");
            lines = List.copyOf(lines);
        }
    }

    /** One measurement's highest value in each bucket; NaN where it is not known. */
    public record MeasurementLine(String label, double[] values) {}
}
