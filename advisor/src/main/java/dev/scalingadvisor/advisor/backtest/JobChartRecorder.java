package dev.scalingadvisor.advisor.backtest;

import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.FindingAt;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.RuleReport;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RuleStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One job's chart buckets as the engine steps over a range: every driver that evaluates a job step by step
 * (the backtest, the page's recent chart, the decision-quality simulator) records into one of these and draws
 * the {@link JobChart} it gives with {@link SvgChart}. Memory is bounded by {@link JobChart#MAX_BUCKETS}.
 */
public final class JobChartRecorder {
    private final Instant from;
    private final Duration bucket;
    private final int buckets;
    private final List<Rule> rules;
    private final Map<String, double[]> min = new LinkedHashMap<>();
    private final Map<String, double[]> max = new LinkedHashMap<>();
    private final Map<String, RuleStatus[]> state = new LinkedHashMap<>();
    private final Map<String, int[]> vertices = new LinkedHashMap<>();
    private final Map<String, Map<String, double[]>> measurements = new LinkedHashMap<>();

    /** Buckets for the steps from {@code from} to {@code to} (both included) {@code interval} apart. */
    public JobChartRecorder(Instant from, Instant to, Duration interval, RulePack pack) {
        long steps = Duration.between(from, to).toMillis() / interval.toMillis() + 1;
        long perBucket = Math.max(1, (steps + JobChart.MAX_BUCKETS - 1) / JobChart.MAX_BUCKETS);
        this.from = from;
        this.bucket = interval.multipliedBy(perBucket);
        this.buckets = (int) ((steps + perBucket - 1) / perBucket);
        this.rules = pack.rules();
        for (Rule rule : rules) {
            min.put(rule.name().value(), nans());
            max.put(rule.name().value(), nans());
            state.put(rule.name().value(), new RuleStatus[buckets]);
        }
    }

    /** The job's rules and vertices as the engine evaluated them at {@code at}. */
    public void record(Instant at, JobEvaluation evaluation) {
        int index = index(at);
        if (index < 0) {
            return;
        }
        for (RuleReport rule : evaluation.rules()) {
            String name = rule.name().value();
            if (!min.containsKey(name) || rule.value().isEmpty()) {
                continue;
            }
            double value = rule.value().get();
            double[] lows = min.get(name);
            double[] highs = max.get(name);
            lows[index] = Double.isNaN(lows[index]) ? value : Math.min(lows[index], value);
            highs[index] = Double.isNaN(highs[index]) ? value : Math.max(highs[index], value);
            RuleStatus[] states = state.get(name);
            if (states[index] == null || rank(rule.state()) > rank(states[index])) {
                states[index] = rule.state();
            }
        }
        for (Vertex vertex : evaluation.shape().vertices()) {
            parallelism(at, vertex.label(), vertex.parallelism());
        }
    }

    /** A parallelism line at {@code at}: a vertex's, or one to compare with (what the load needs). */
    public void parallelism(Instant at, String label, int parallelism) {
        int index = index(at);
        if (index >= 0) {
            vertices.computeIfAbsent(label, v -> new int[buckets])[index] = parallelism;
        }
    }

    /** A measurement besides the rules, in the panel titled {@code panel}; a bucket keeps its highest value. */
    public void measured(Instant at, String panel, String label, double value) {
        int index = index(at);
        if (index < 0 || Double.isNaN(value)) {
            return;
        }
        double[] values =
                measurements.computeIfAbsent(panel, p -> new LinkedHashMap<>()).computeIfAbsent(label, l -> nans());
        values[index] = Double.isNaN(values[index]) ? value : Math.max(values[index], value);
    }

    public JobChart result(List<DecisionAt> decisions, List<FindingAt> findings) {
        List<JobChart.MeasurementPanel> panels = new ArrayList<>();
        measurements.forEach((title, lines) -> {
            List<JobChart.MeasurementLine> measured = new ArrayList<>();
            lines.forEach((label, values) -> measured.add(new JobChart.MeasurementLine(label, values)));
            panels.add(new JobChart.MeasurementPanel(title, measured));
        });
        List<JobChart.RuleLine> lines = new ArrayList<>();
        for (Rule rule : rules) {
            String name = rule.name().value();
            lines.add(new JobChart.RuleLine(
                    name, rule.direction(), rule.threshold(), min.get(name), max.get(name), state.get(name)));
        }
        List<JobChart.VertexLine> vertexLines = new ArrayList<>();
        vertices.forEach((label, parallelism) -> vertexLines.add(new JobChart.VertexLine(label, parallelism)));
        return new JobChart(from, bucket, buckets, panels, lines, vertexLines, decisions, findings);
    }

    /** The bucket of {@code at}, or -1 outside the range. */
    private int index(Instant at) {
        long index = Duration.between(from, at).toMillis() / bucket.toMillis();
        return at.isBefore(from) || index >= buckets ? -1 : (int) index;
    }

    private double[] nans() {
        double[] values = new double[buckets];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    private static int rank(RuleStatus status) {
        return switch (status) {
            case FIRING -> 4;
            case CLEARING -> 3;
            case PENDING -> 2;
            case INACTIVE -> 1;
            case UNKNOWN -> 0;
        };
    }
}
