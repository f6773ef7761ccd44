package dev.scalingadvisor.rules.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import dev.scalingadvisor.testbed.prometheus.PrometheusServer;
import dev.scalingadvisor.testbed.prometheus.Promtool;
import dev.scalingadvisor.testbed.prometheus.PromtoolResult;
import dev.scalingadvisor.testbed.prometheus.Sample;
import dev.scalingadvisor.testbed.prometheus.SyntheticSeries;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agreement with Prometheus itself: for each rule of the default pack, the same series go to
 * {@code promtool test rules} (as an alerting rule with the pack's expression, threshold and {@code for})
 * and, backfilled, to a real Prometheus that the engine evaluates every 15 s. The moment the engine's rule
 * fires must be the moment Prometheus' alert fires. The issue allows one evaluation interval of difference;
 * with the same evaluation grid they agree exactly, so this checks the exact moment: promtool sees no alert
 * one interval before it and a firing alert at it.
 */
class PromtoolAgreementIT {

    private static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");
    private static final RulePack PACK = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));
    private static final int MINUTE = 4; // samples per minute

    /** One input series: values at every 15 s from the start. */
    record Input(String metric, Map<String, String> labels, int samples, IntToDoubleFunction value) {
        String promtoolSeries() {
            return metric
                    + labels.entrySet().stream()
                            .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                            .collect(Collectors.joining(",", "{", "}"));
        }

        String promtoolValues() {
            return IntStream.range(0, samples)
                    .mapToObj(i -> number(value.applyAsDouble(i)))
                    .collect(Collectors.joining(" "));
        }

        SyntheticSeries backfill() {
            List<Sample> list = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                list.add(new Sample(BASE.plus(INTERVAL.multipliedBy(i)), value.applyAsDouble(i)));
            }
            return new SyntheticSeries(metric, labels, list);
        }

        private static String number(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private static Map<String, String> task(String taskId, String taskName, int subtask) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job_id", "j1");
        labels.put("job_name", "orders");
        labels.put("task_id", taskId);
        labels.put("task_name", taskName);
        labels.put("subtask_index", Integer.toString(subtask));
        labels.put("tm_id", "tm1");
        labels.put("host", "h1");
        return labels;
    }

    private static final String TASK = "flink_taskmanager_job_task_";

    static Stream<Arguments> scenarios() {
        int hour = 60 * MINUTE;
        return Stream.of(
                Arguments.of(
                        "backpressure",
                        List.of(
                                new Input(
                                        TASK + "backPressuredTimeMsPerSecond",
                                        task("v1", "source", 0),
                                        hour,
                                        i -> i < 10 * MINUTE ? 0 : 952),
                                new Input(
                                        TASK + "backPressuredTimeMsPerSecond",
                                        task("v1", "source", 1),
                                        hour,
                                        i -> i < 10 * MINUTE ? 0 : 940),
                                new Input(
                                        TASK + "backPressuredTimeMsPerSecond", task("v2", "counter", 0), hour, i -> 0),
                                new Input(TASK + "busyTimeMsPerSecond", task("v2", "counter", 0), hour, i -> 1000))),
                Arguments.of(
                        "cpu",
                        List.of(
                                new Input(
                                        "flink_taskmanager_Status_JVM_CPU_Load",
                                        Map.of("tm_id", "tm1", "host", "h1"),
                                        hour,
                                        i -> i < 12 * MINUTE + 2 ? 0.5 : 0.93),
                                new Input(TASK + "busyTimeMsPerSecond", task("v1", "map", 0), hour, i -> 700))),
                Arguments.of(
                        "lag",
                        List.of(
                                new Input(
                                        TASK + "operator_pendingRecords",
                                        task("v1", "source", 0),
                                        hour,
                                        i -> i < 10 * MINUTE ? 5000 : 5000 + (i - 10 * MINUTE) * 30_000.0),
                                new Input(TASK + "busyTimeMsPerSecond", task("v1", "source", 0), hour, i -> 900))),
                Arguments.of(
                        "busy-low",
                        List.of(
                                new Input(
                                        TASK + "busyTimeMsPerSecond",
                                        task("v1", "source", 0),
                                        hour,
                                        i -> i < 10 * MINUTE ? 800 : 80),
                                new Input(
                                        TASK + "busyTimeMsPerSecond",
                                        task("v2", "sink", 0),
                                        hour,
                                        i -> i < 10 * MINUTE ? 500 : 150))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void firesWhenPrometheusWould(String ruleName, List<Input> inputs) {
        Rule rule = PACK.rule(new RuleName(ruleName)).orElseThrow();
        Duration ours;
        try (PrometheusServer prometheus = PrometheusServer.start(PrometheusOptions.defaults()
                .withBackfill(inputs.stream().map(Input::backfill).toList()))) {
            ours = engineFireMoment(prometheus, rule, inputs.get(0).samples());
        }

        PromtoolResult agreement = Promtool.testRules(alertingRule(rule), promtoolTest(rule, inputs, ours));

        assertThat(agreement.succeeded())
                .as("promtool must agree that " + ruleName + " fires at " + PrometheusDurations.format(ours)
                        + " (not firing one interval before, firing one interval after):\n" + agreement.output())
                .isTrue();
    }

    /** Evaluates the whole pack every 15 s from the start; the offset of the first cycle in which the rule fires. */
    private static Duration engineFireMoment(PrometheusServer prometheus, Rule rule, int samples) {
        ScalingEvaluator engine = new ScalingEvaluator(
                PrometheusClient.create(HttpEndpoint.open(URI.create(prometheus.baseUrl()), Duration.ofSeconds(10))),
                PACK,
                EvaluatorSettings.of(INTERVAL, Duration.ofMinutes(2), JobLabels.DEFAULTS));
        ScalingSettingsLookup lookup = ScalingSettingsLookup.always(ScalingSettings.DEFAULTS);
        EngineState state = EngineState.EMPTY;
        for (int i = 0; i < samples; i++) {
            CycleEvaluation cycle = engine.evaluate(BASE.plus(INTERVAL.multipliedBy(i)), state, lookup, Map.of());
            state = cycle.state();
            boolean firing = cycle.jobs().stream()
                    .flatMap(j -> j.rules().stream())
                    .anyMatch(r -> r.name().equals(rule.name()) && r.state() == RuleStatus.FIRING);
            if (firing) {
                return INTERVAL.multipliedBy(i);
            }
        }
        throw new AssertionError(rule.name() + " never fired in the engine");
    }

    private static String alertingRule(Rule rule) {
        String expr = "(" + rule.expr().replaceAll("\\s+", " ") + ") "
                + rule.threshold().comparison().operator() + " "
                + rule.threshold().fire();
        return """
                groups:
                  - name: advisor
                    rules:
                      - alert: %s
                        expr: '%s'
                        for: %s
                """.formatted(rule.name(), expr.replace("'", "''"), PrometheusDurations.format(rule.forDuration()));
    }

    private static String promtoolTest(Rule rule, List<Input> inputs, Duration ours) {
        StringBuilder series = new StringBuilder();
        for (Input input : inputs) {
            series.append("      - series: '")
                    .append(input.promtoolSeries())
                    .append("'\n")
                    .append("        values: '")
                    .append(input.promtoolValues())
                    .append("'\n");
        }
        return """
                rule_files: [rules.yml]
                evaluation_interval: 15s
                tests:
                  - interval: 15s
                    input_series:
                %s    alert_rule_test:
                      - eval_time: %s
                        alertname: %s
                        exp_alerts: []
                      - eval_time: %s
                        alertname: %s
                        exp_alerts:
                          - exp_labels: {job_id: j1, job_name: orders}
                """.formatted(
                        series,
                        PrometheusDurations.format(ours.minus(INTERVAL)),
                        rule.name(),
                        PrometheusDurations.format(ours),
                        rule.name());
    }
}
