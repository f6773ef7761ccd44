package dev.scalingadvisor.advisor.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.FindingAt;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.rule.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    private static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z");

    /** Six buckets of a minute: a value, a gap of two buckets, a value again. */
    private static JobChart chart(String explanation) {
        double nan = Double.NaN;
        JobChart.RuleLine backpressure = new JobChart.RuleLine(
                "backpressure",
                RuleDirection.UP,
                new Threshold(Threshold.Comparison.ABOVE, 500, 300),
                new double[] {100, 600, nan, nan, 700, 100},
                new double[] {120, 650, nan, nan, 720, 110},
                new RuleStatus[] {
                    RuleStatus.INACTIVE, RuleStatus.PENDING, null, null, RuleStatus.FIRING, RuleStatus.CLEARING
                });
        JobChart.VertexLine source = new JobChart.VertexLine("Source: <clicks>", new int[] {2, 2, 0, 0, 2, 2});
        DecisionAt up = new DecisionAt(
                FROM.plus(Duration.ofMinutes(5)), Direction.UP, 2, 3, ParallelismChanges.NONE, explanation);
        JobChart.MeasurementPanel rates = new JobChart.MeasurementPanel(
                "records/s", List.of(new JobChart.MeasurementLine("offered", new double[] {10, 20, nan, 30, 30, 30})));
        FindingAt skew = new FindingAt(FROM.plus(Duration.ofMinutes(2)), "skew", "one key <hot> has 40 %");
        return new JobChart(
                FROM,
                Duration.ofMinutes(1),
                6,
                List.of(rates),
                List.of(backpressure),
                List.of(source),
                List.of(up),
                List.of(skew));
    }

    @Test
    void breaksTheLinesAtAGapInsteadOfDrawingAcrossIt() {
        String svg = SvgChart.of(chart("up-rule backpressure fired"));

        assertThat(svg.split("class=\"rule-value\"", -1)).hasSize(3);
        assertThat(svg.split("class=\"parallelism\"", -1)).hasSize(3);
        assertThat(svg.split("class=\"band-pending\"", -1)).hasSize(2);
        assertThat(svg.split("class=\"band-firing\"", -1)).hasSize(2);
        assertThat(svg).contains("class=\"threshold-fire\"", "fire 500", "clear 300");
    }

    @Test
    void drawsMeasurementsAsLinesBrokenWhereTheyAreUnknown() {
        String svg = SvgChart.of(chart("up-rule backpressure fired"));

        assertThat(svg.split("class=\"measurement\"", -1)).hasSize(3);
        assertThat(svg).contains(">records/s</text>", ">offered</text>");
    }

    @Test
    void marksEachFindingWithItsTextEscaped() {
        String svg = SvgChart.of(chart("up-rule backpressure fired"));

        assertThat(svg).contains("class=\"finding-mark\"", "◆ skew", "one key &lt;hot&gt; has 40 %");
    }

    @Test
    void marksEachDecisionWithItsExplanationEscaped() {
        String svg = SvgChart.of(chart("value <script>alert(1)</script> & more"));

        assertThat(svg)
                .contains("class=\"decision-mark decision-up\"", "▲ 2→3")
                .contains("value &lt;script&gt;alert(1)&lt;/script&gt; &amp; more", "Source: &lt;clicks&gt;")
                .doesNotContain("<script");
    }
}
