package dev.scalingadvisor.advisor.backtest;

import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.FindingAt;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.RuleStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/**
 * One job's chart as inline SVG, drawn on the server: a panel per rule (its value's range per bucket, the
 * value that meets the threshold as a line, the fire and clear thresholds dashed, pending and firing as
 * bands behind), a panel with each vertex's parallelism, and every decision as a vertical mark across all
 * panels whose tooltip is its explanation. No script and nothing fetched: the page opens offline. Classes
 * ({@code rule-value}, {@code threshold-fire}, {@code band-firing}, {@code parallelism}, {@code decision-mark})
 * name what each element is, for styling and for tests.
 */
public final class SvgChart {

    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int PANEL = 110;
    private static final int GAP = 26;
    private static final int AXIS = 24;
    /** Room above the panels for the decision and finding labels. */
    private static final int HEADER = 14;

    private static final List<Duration> TICKS = List.of(
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(12),
            Duration.ofDays(1));
    private static final String[] LINE_COLOURS = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    private static final String FINDING_COLOUR = "#8c564b";

    private SvgChart() {}

    public static String of(JobChart chart) {
        int panels = chart.measurements().size() + chart.rules().size() + 1;
        int height = HEADER + panels * (PANEL + GAP) + AXIS;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"job-chart\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        int top = HEADER;
        for (JobChart.MeasurementPanel panel : chart.measurements()) {
            measurementPanel(svg, chart, panel, top + GAP - 6);
            top += PANEL + GAP;
        }
        for (JobChart.RuleLine rule : chart.rules()) {
            rulePanel(svg, chart, rule, top + GAP - 6);
            top += PANEL + GAP;
        }
        parallelismPanel(svg, chart, top + GAP - 6);
        top += PANEL + GAP;
        timeAxis(svg, chart, top);
        for (DecisionAt decision : chart.decisions()) {
            double x = x(chart, decision.at());
            String colour = decision.direction() == Direction.UP ? "#d62728" : "#1f77b4";
            svg.append("<g class=\"decision-mark decision-")
                    .append(decision.direction().spelling())
                    .append("\"><title>")
                    .append(escape(decision.at() + ": " + decision.direction().spelling() + " " + decision.from()
                            + " → " + decision.to() + "\n" + decision.explanation()))
                    .append("</title><line x1=\"")
                    .append(fmt(x))
                    .append("\" y1=\"12\" x2=\"")
                    .append(fmt(x))
                    .append("\" y2=\"")
                    .append(top)
                    .append("\" stroke=\"")
                    .append(colour)
                    .append("\" stroke-width=\"2\"/><text x=\"")
                    .append(fmt(x + 3))
                    .append("\" y=\"10\" fill=\"")
                    .append(colour)
                    .append("\">")
                    .append(decision.direction() == Direction.UP ? "▲ " : "▼ ")
                    .append(decision.from())
                    .append("→")
                    .append(decision.to())
                    .append("</text></g>\n");
        }
        for (FindingAt finding : chart.findings()) {
            double x = x(chart, finding.at());
            svg.append("<g class=\"finding-mark\"><title>")
                    .append(escape(finding.at() + ": " + finding.kind() + "\n" + finding.text()))
                    .append("</title><line x1=\"")
                    .append(fmt(x))
                    .append("\" y1=\"")
                    .append(HEADER + 10)
                    .append("\" x2=\"")
                    .append(fmt(x))
                    .append("\" y2=\"")
                    .append(top)
                    .append("\" stroke=\"")
                    .append(FINDING_COLOUR)
                    .append("\" stroke-dasharray=\"2,3\"/><text x=\"")
                    .append(fmt(x + 3))
                    .append("\" y=\"")
                    .append(HEADER + 8)
                    .append("\" fill=\"")
                    .append(FINDING_COLOUR)
                    .append("\">◆ ")
                    .append(escape(finding.kind()))
                    .append("</text></g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void measurementPanel(StringBuilder svg, JobChart chart, JobChart.MeasurementPanel panel, int top) {
        double high = 0;
        for (JobChart.MeasurementLine line : panel.lines()) {
            for (double value : line.values()) {
                if (!Double.isNaN(value)) {
                    high = Math.max(high, value);
                }
            }
        }
        high = high * 1.08 + (high == 0 ? 1 : 0);
        Scale y = new Scale(0, high, top);
        panelFrame(svg, top, panel.title(), 0, high);
        int colour = 0;
        for (JobChart.MeasurementLine measured : panel.lines()) {
            String stroke = LINE_COLOURS[colour++ % LINE_COLOURS.length];
            double[] values = measured.values();
            line(svg, chart, y, "measurement", stroke, 1.4, false, i -> values[i]);
            legendEntry(svg, top, colour, stroke, measured.label());
        }
    }

    /**
     * One value per bucket as a line broken where it is NaN: through the buckets' middles, or as steps across
     * each bucket (a parallelism holds for the whole bucket).
     */
    private static void line(
            StringBuilder svg,
            JobChart chart,
            Scale y,
            String kind,
            String stroke,
            double width,
            boolean steps,
            IntToDoubleFunction valueAt) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < chart.buckets(); i++) {
            double value = valueAt.applyAsDouble(i);
            if (Double.isNaN(value)) {
                flush(svg, line, kind, stroke, width);
                continue;
            }
            double x0 = bucketX(chart, i);
            String at = fmt(y.at(value));
            if (steps) {
                line.append(line.isEmpty() ? "" : " ")
                        .append(fmt(x0))
                        .append(',')
                        .append(at)
                        .append(' ')
                        .append(fmt(x0 + bucketWidth(chart)));
            } else {
                line.append(line.isEmpty() ? "" : " ").append(fmt(x0 + bucketWidth(chart) / 2));
            }
            line.append(',').append(at);
        }
        flush(svg, line, kind, stroke, width);
    }

    private static void legendEntry(StringBuilder svg, int top, int row, String colour, String label) {
        svg.append("<text class=\"legend\" x=\"")
                .append(WIDTH - RIGHT - 4)
                .append("\" y=\"")
                .append(top + 12 * row)
                .append("\" text-anchor=\"end\" fill=\"")
                .append(colour)
                .append("\">")
                .append(escape(label))
                .append("</text>\n");
    }

    private static void rulePanel(StringBuilder svg, JobChart chart, JobChart.RuleLine rule, int top) {
        double low = Math.min(rule.threshold().fire(), rule.threshold().clear());
        double high = Math.max(rule.threshold().fire(), rule.threshold().clear());
        for (int i = 0; i < chart.buckets(); i++) {
            if (!Double.isNaN(rule.min()[i])) {
                low = Math.min(low, rule.min()[i]);
                high = Math.max(high, rule.max()[i]);
            }
        }
        low = Math.min(low, 0);
        high = high + (high - low) * 0.08 + (high == low ? 1 : 0);
        Scale y = new Scale(low, high, top);
        panelFrame(svg, top, rule.name() + " (" + rule.direction().spelling() + "-rule)", low, high);
        // One band per run of buckets in the same state: fewer elements, and no seams between buckets.
        int i = 0;
        while (i < chart.buckets()) {
            RuleStatus state = rule.state()[i];
            int end = i + 1;
            while (end < chart.buckets() && rule.state()[end] == state) {
                end++;
            }
            if (state == RuleStatus.FIRING || state == RuleStatus.PENDING) {
                String kind = state == RuleStatus.FIRING ? "firing" : "pending";
                svg.append("<rect class=\"band-")
                        .append(kind)
                        .append("\" x=\"")
                        .append(fmt(bucketX(chart, i)))
                        .append("\" y=\"")
                        .append(top)
                        .append("\" width=\"")
                        .append(fmt(bucketWidth(chart) * (end - i)))
                        .append("\" height=\"")
                        .append(PANEL)
                        .append("\" fill=\"")
                        .append(state == RuleStatus.FIRING ? "#f4b6b6" : "#fbe3a6")
                        .append("\"/>\n");
            }
            i = end;
        }
        StringBuilder range = new StringBuilder();
        StringBuilder line = new StringBuilder();
        double[] edge = rule.direction() == RuleDirection.UP ? rule.max() : rule.min();
        for (i = 0; i < chart.buckets(); i++) {
            if (Double.isNaN(edge[i])) {
                flush(svg, line, "rule-value", "#333", 1.4);
                flushArea(svg, range);
                continue;
            }
            double x = bucketX(chart, i) + bucketWidth(chart) / 2;
            line.append(line.isEmpty() ? "" : " ").append(fmt(x)).append(',').append(fmt(y.at(edge[i])));
            range.append(range.isEmpty() ? "" : " ")
                    .append(fmt(x))
                    .append(',')
                    .append(fmt(y.at(rule.min()[i])))
                    .append(' ')
                    .append(fmt(x))
                    .append(',')
                    .append(fmt(y.at(rule.max()[i])));
        }
        flushArea(svg, range);
        flush(svg, line, "rule-value", "#333", 1.4);
        threshold(
                svg,
                "threshold-fire",
                "#d62728",
                y.at(rule.threshold().fire()),
                "fire " + ValueText.of(rule.threshold().fire()));
        threshold(
                svg,
                "threshold-clear",
                "#7f7f7f",
                y.at(rule.threshold().clear()),
                "clear " + ValueText.of(rule.threshold().clear()));
    }

    private static void parallelismPanel(StringBuilder svg, JobChart chart, int top) {
        int high = 1;
        for (JobChart.VertexLine vertex : chart.vertices()) {
            for (int p : vertex.parallelism()) {
                high = Math.max(high, p);
            }
        }
        for (DecisionAt decision : chart.decisions()) {
            high = Math.max(high, decision.to());
        }
        Scale y = new Scale(0, high + 1, top);
        panelFrame(svg, top, "parallelism per vertex", 0, high + 1);
        int colour = 0;
        for (JobChart.VertexLine vertex : chart.vertices()) {
            String stroke = LINE_COLOURS[colour++ % LINE_COLOURS.length];
            int[] parallelism = vertex.parallelism();
            // 0 is unknown: a gap, not a drop to zero.
            line(
                    svg,
                    chart,
                    y,
                    "parallelism",
                    stroke,
                    1.6,
                    true,
                    i -> parallelism[i] == 0 ? Double.NaN : parallelism[i]);
            legendEntry(svg, top, colour, stroke, vertex.label());
        }
    }

    private static void panelFrame(StringBuilder svg, int top, String title, double low, double high) {
        svg.append("<text class=\"panel-title\" x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(top - 4)
                .append("\" font-weight=\"bold\">")
                .append(escape(title))
                .append("</text>\n<rect x=\"")
                .append(LEFT)
                .append("\" y=\"")
                .append(top)
                .append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT)
                .append("\" height=\"")
                .append(PANEL)
                .append("\" fill=\"none\" stroke=\"#ccc\"/>\n");
        svg.append("<text x=\"")
                .append(LEFT - 4)
                .append("\" y=\"")
                .append(top + 10)
                .append("\" text-anchor=\"end\">")
                .append(escape(ValueText.of(high)))
                .append("</text><text x=\"")
                .append(LEFT - 4)
                .append("\" y=\"")
                .append(top + PANEL)
                .append("\" text-anchor=\"end\">")
                .append(escape(ValueText.of(low)))
                .append("</text>\n");
    }

    private static void threshold(StringBuilder svg, String kind, String colour, double y, String label) {
        svg.append("<line class=\"")
                .append(kind)
                .append("\" x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y1=\"")
                .append(fmt(y))
                .append("\" y2=\"")
                .append(fmt(y))
                .append("\" stroke=\"")
                .append(colour)
                .append("\" stroke-dasharray=\"5,4\"/><text x=\"")
                .append(WIDTH - RIGHT - 4)
                .append("\" y=\"")
                .append(fmt(y - 3))
                .append("\" text-anchor=\"end\" fill=\"")
                .append(colour)
                .append("\">")
                .append(escape(label))
                .append("</text>\n");
    }

    private static void timeAxis(StringBuilder svg, JobChart chart, int top) {
        Duration span = Duration.between(chart.from(), chart.to());
        Duration tick = TICKS.stream()
                .filter(t -> span.dividedBy(t) <= 10)
                .findFirst()
                .orElse(Duration.ofDays(Math.max(1, span.toDays() / 10)));
        long first = (chart.from().getEpochSecond() + tick.toSeconds() - 1) / tick.toSeconds() * tick.toSeconds();
        DateTimeFormatter format = DateTimeFormatter.ofPattern(
                        tick.compareTo(Duration.ofDays(1)) >= 0 ? "MM-dd" : "MM-dd HH:mm", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
        for (Instant t = Instant.ofEpochSecond(first); !t.isAfter(chart.to()); t = t.plus(tick)) {
            double x = x(chart, t);
            // A label at either edge is anchored inside the chart, not cut off by it.
            String anchor = x < LEFT + 40 ? "start" : x > WIDTH - RIGHT - 40 ? "end" : "middle";
            svg.append("<text class=\"time-tick\" x=\"")
                    .append(fmt(x))
                    .append("\" y=\"")
                    .append(top + 14)
                    .append("\" text-anchor=\"")
                    .append(anchor)
                    .append("\">")
                    .append(format.format(t))
                    .append("</text>\n");
        }
    }

    private static void flush(StringBuilder svg, StringBuilder points, String kind, String colour, double width) {
        if (points.isEmpty()) {
            return;
        }
        svg.append("<polyline class=\"")
                .append(kind)
                .append("\" fill=\"none\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"")
                .append(width)
                .append("\" points=\"")
                .append(points)
                .append("\"/>\n");
        points.setLength(0);
    }

    /** The min–max range of a rule's value: drawn as thick vertical strokes per bucket. */
    private static void flushArea(StringBuilder svg, StringBuilder pairs) {
        if (pairs.isEmpty()) {
            return;
        }
        String[] points = pairs.toString().split(" ");
        StringBuilder path = new StringBuilder();
        for (int i = 0; i + 1 < points.length; i += 2) {
            path.append('M').append(points[i]).append('L').append(points[i + 1]);
        }
        svg.append("<path class=\"rule-range\" stroke=\"#9ecae1\" stroke-width=\"2\" d=\"")
                .append(path)
                .append("\"/>\n");
        pairs.setLength(0);
    }

    private static double x(JobChart chart, Instant at) {
        double total = Duration.between(chart.from(), chart.to()).toMillis();
        return LEFT
                + (WIDTH - LEFT - RIGHT) * Duration.between(chart.from(), at).toMillis() / total;
    }

    private static double bucketX(JobChart chart, int bucket) {
        return LEFT + bucketWidth(chart) * bucket;
    }

    private static double bucketWidth(JobChart chart) {
        return (double) (WIDTH - LEFT - RIGHT) / chart.buckets();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Text in SVG and HTML: the five characters XML gives meaning to. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A value axis: {@code low} at the bottom of the panel, {@code high} at its top. */
    private record Scale(double low, double high, int top) {
        double at(double value) {
            return top + PANEL - (value - low) / (high - low) * PANEL;
        }
    }
}
