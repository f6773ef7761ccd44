package dev.scalingadvisor.testbed.e2e.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorBuild;
import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import dev.scalingadvisor.testbed.prometheus.Promtool;
import dev.scalingadvisor.testbed.prometheus.PromtoolResult;
import dev.scalingadvisor.testbed.prometheus.SyntheticSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "signals from outside Flink" example ({@code examples/outside-signals/}, docs/outside-signals.md) as a
 * user runs it: its mapping rules in Prometheus' own rule evaluation, and its rule pack in the advisor's
 * {@code evaluate} (the daemon's jar as a process) against a real Prometheus holding half an hour of
 * kafka-exporter and Flink series. About 10 s.
 */
class OutsideSignalsExampleIT {

    private static final Path EXAMPLE = Path.of("../../examples/outside-signals");
    private static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofMinutes(30));
    private static final Duration STEP = Duration.ofSeconds(15);

    @RegisterExtension
    static PrometheusExtension prometheus =
            PrometheusExtension.withOptions(PrometheusOptions.defaults().withBackfill(history()));

    @TempDir
    Path dir;

    @Test
    void theMappingJoinsEachConsumerGroupToItsFlinkJobAndJobsWithoutAGroupReadZero() throws IOException {
        // Given kafka-exporter's lag of three groups: one mapped by name, one by the flink-<job> convention, one
        // of no Flink job; and three Flink jobs
        String inputs = lag("orders-v2-reader", "orders", 0, "0+6000x60")
                + lag("orders-v2-reader", "orders", 1, "0+9000x60")
                + lag("flink-audit", "audit", 0, "0+3000x60")
                + lag("billing-batch", "billing", 0, "0+30000x60")
                + uptime("a1", "orders_v2")
                + uptime("b1", "reports")
                + uptime("c1", "audit");

        // When Prometheus evaluates the mapping rules and the example rule's expression
        PromtoolResult result = Promtool.testRules(
                Map.of(
                        "mapping.yml", Files.readString(EXAMPLE.resolve("prometheus-rules.yaml")),
                        "pack.yml", recordingRule("consumer_group_lag", exampleRuleExpr())),
                """
                rule_files: [mapping.yml, pack.yml]
                evaluation_interval: 15s
                tests:
                  - interval: 15s
                    input_series:
                %s    promql_expr_test:
                      - expr: consumer_group_lag
                        eval_time: 10m
                        exp_samples:
                          - labels: 'consumer_group_lag{job_id="a1",job_name="orders_v2"}'
                            value: 1000
                          - labels: 'consumer_group_lag{job_id="c1",job_name="audit"}'
                            value: 200
                          - labels: 'consumer_group_lag{job_id="b1",job_name="reports"}'
                            value: 0
                """.formatted(inputs));

        // Then each job gets its own groups' growth (400 + 600 and 200 records/s), the job without one 0
        assertThat(result.succeeded()).as(result.output()).isTrue();
    }

    @Test
    void theAdvisorFiresTheRuleForTheJobWhoseGroupFallsBehindAndKeepsTheOtherJobQuiet() throws Exception {
        // Given the example pack, and a Prometheus whose history has orders_v2's group falling behind by 1,200
        // records/s from minute 10
        Path config = dir.resolve("advisor.yaml");
        Files.writeString(config, """
                mode: observe
                prometheus:
                  url: %s
                rules:
                  packs: [%s]
                state:
                  dir: %s
                """.formatted(
                        prometheus.baseUrl(),
                        EXAMPLE.resolve("consumer-group-lag.yaml").toAbsolutePath(),
                        dir.resolve("state")));

        // When the advisor evaluates at the end of that history
        JsonNode report = evaluate(config, TO);

        // Then the rule fires for orders_v2 with the group's growth, and reads 0 for the job without a group
        JsonNode orders = rule(report, "a1");
        assertThat(orders.path("state").asText()).isEqualTo("firing");
        assertThat(orders.path("value").asDouble()).isCloseTo(1200, org.assertj.core.data.Offset.offset(1.0));
        JsonNode reports = rule(report, "b1");
        assertThat(reports.path("state").asText()).isEqualTo("inactive");
        assertThat(reports.path("value").asDouble()).isZero();
    }

    private static String exampleRuleExpr() throws IOException {
        JsonNode pack = new YAMLMapper()
                .readTree(EXAMPLE.resolve("consumer-group-lag.yaml").toFile());
        return pack.path("rules").get(0).path("expr").asText();
    }

    private static String recordingRule(String name, String expr) {
        return """
                groups:
                  - name: pack
                    rules:
                      - record: %s
                        expr: '%s'
                """.formatted(name, expr.replaceAll("\\s+", " ").replace("'", "''"));
    }

    private static String lag(String group, String topic, int partition, String values) {
        return """
                      - series: 'kafka_consumergroup_lag{job="kafka-exporter",consumergroup="%s",topic="%s",partition="%d"}'
                        values: '%s'
                """.formatted(group, topic, partition, values);
    }

    private static String uptime(String jobId, String jobName) {
        return """
                      - series: 'flink_jobmanager_job_uptime{job="flink",job_id="%s",job_name="%s",host="h1"}'
                        values: '0+15000x60'
                """.formatted(jobId, jobName);
    }

    private JsonNode evaluate(Path config, Instant at) throws Exception {
        Path out = dir.resolve("evaluate.out");
        Path err = dir.resolve("evaluate.err");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        AdvisorBuild.jar().toString(),
                        "evaluate",
                        "--config",
                        config.toString(),
                        "--at",
                        at.toString(),
                        "--format",
                        "json")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("evaluate did not finish within 60 s: " + Files.readString(err));
        }
        assertThat(process.exitValue())
                .as("evaluate's exit code; stderr: %s", Files.readString(err))
                .isZero();
        return new ObjectMapper().readTree(out.toFile());
    }

    private static JsonNode rule(JsonNode report, String jobId) {
        for (JsonNode job : report.path("jobs")) {
            if (job.path("jobId").asText().equals(jobId)) {
                for (JsonNode rule : job.path("rules")) {
                    if (rule.path("name").asText().equals("consumer-group-lag")) {
                        return rule;
                    }
                }
            }
        }
        throw new AssertionError("no consumer-group-lag rule for job " + jobId + " in " + report.toPrettyString());
    }

    /** Half an hour as Prometheus would have scraped and recorded it. */
    private static List<SyntheticSeries> history() {
        List<SyntheticSeries> series = new ArrayList<>();
        DoubleUnaryOperator growing = s -> s < 600 ? 5000 : 5000 + (s - 600) * 600;
        for (int partition = 0; partition < 2; partition++) {
            series.add(every(
                    "kafka_consumergroup_lag",
                    Map.of(
                            "job", "kafka-exporter",
                            "consumergroup", "orders-v2-reader",
                            "topic", "orders",
                            "partition", Integer.toString(partition)),
                    growing));
        }
        series.add(every(
                "flink_job_kafka_consumer_group",
                Map.of("job_name", "orders_v2", "consumergroup", "orders-v2-reader"),
                s -> 1));
        for (String[] job : new String[][] {{"a1", "orders_v2"}, {"b1", "reports"}}) {
            series.add(every(
                    "flink_jobmanager_job_uptime",
                    Map.of("job", "flink", "job_id", job[0], "job_name", job[1], "host", "h1"),
                    s -> 3_600_000 + s * 1000));
            series.add(every(
                    "flink_taskmanager_job_task_busyTimeMsPerSecond",
                    Map.of(
                            "job", "flink",
                            "job_id", job[0],
                            "job_name", job[1],
                            "task_id", "v-" + job[0],
                            "task_name", "work",
                            "subtask_index", "0",
                            "tm_id", "tm_1",
                            "host", "h1"),
                    s -> 500));
        }
        return series;
    }

    private static SyntheticSeries every(String metric, Map<String, String> labels, DoubleUnaryOperator value) {
        return SyntheticSeries.of(metric, labels).every(STEP, FROM, TO, value).build();
    }
}
