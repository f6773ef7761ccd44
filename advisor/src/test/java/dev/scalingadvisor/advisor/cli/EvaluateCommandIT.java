package dev.scalingadvisor.advisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalingadvisor.rules.testing.FlinkHistory;
import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} and {@code check --online} against a real Prometheus fed with 40 minutes of history of one
 * Flink job whose keyed operator is the bottleneck from minute 10 on.
 */
class EvaluateCommandIT {

    private static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofMinutes(40));

    /** A job whose counter became the bottleneck ten minutes in, its source backpressured from then on. */
    private static final FlinkHistory HISTORY = new FlinkHistory(FROM, TO)
            .taskManager("tm-1", "h1", s -> 0.4)
            .job("7a8b9c", "orders_v2")
            .on("tm-1", "h1")
            .vertex("v-source", "Source:_orders", 2, s -> 48, s -> s < 600 ? 0 : 952, s -> 2000)
            .vertex("v-counter", "counter", 2, s -> 1000, s -> 0, s -> 2000)
            .done();

    @RegisterExtension
    static PrometheusExtension prometheus =
            PrometheusExtension.withOptions(PrometheusOptions.defaults().withBackfill(HISTORY.series()));

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return CliRun.prometheusOnlyConfig(dir, prometheus.baseUrl());
    }

    private CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void printsEachJobsRulesAndDecisionAsJson() throws Exception {
        CliRun run = run("evaluate", "--config", config().toString(), "--at", TO.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode job = new ObjectMapper().readTree(run.out()).path("jobs").path(0);
        assertThat(job.path("jobId").asText()).isEqualTo("7a8b9c");
        assertThat(job.path("jobName").asText()).isEqualTo("orders_v2");
        assertThat(job.path("rules").findValuesAsText("name"))
                .containsExactly("backpressure", "cpu", "lag", "busy-low");
        assertThat(job.path("rules").path(0).path("state").asText()).isEqualTo("firing");
        assertThat(job.path("rules").path(0).path("value").asDouble()).isEqualTo(952.0);
        JsonNode decision = job.path("decision");
        assertThat(decision.path("direction").asText()).isEqualTo("up");
        assertThat(decision.path("currentParallelism").asInt()).isEqualTo(2);
        assertThat(decision.path("targetParallelism").asInt()).isEqualTo(3);
        assertThat(decision.path("explanation").asText()).contains("bottleneck: vertex counter");
    }

    @Test
    void evaluatesAtAPastInstantWithTimersRebuiltFromHistory() throws Exception {
        CliRun run = run("evaluate", "--config", config().toString(), "--at", "2025-06-01T02:13:00+02:00");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "job orders_v2 (7a8b9c): steady, decision none at parallelism 2",
                        "rule backpressure: pending 952",
                        "up-rule backpressure is pending: value 952 above 500 (clear 300) for 3m of 5m");
    }

    @Test
    void rejectsAnInstantThatIsNotRfc3339() throws Exception {
        CliRun run = run("evaluate", "--config", config().toString(), "--at", "yesterday");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not an RFC 3339 instant: \"yesterday\"");
    }

    @Test
    void checkOnlineRunsEachRuleOnce() throws Exception {
        CliRun run = run("check", "--config", config().toString(), "--online");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "online: Prometheus at " + prometheus.baseUrl() + " answered",
                        "  rule backpressure: ",
                        "  rule busy-low: ",
                        "  workload queries: ");
    }

    @Test
    void checkOnlineReportsBadPromQLAtItsLine() throws Exception {
        Path pack = dir.resolve("pack.yaml");
        Files.writeString(pack, """
                rules:
                  - name: broken
                    signal: custom
                    direction: up
                    expr: max by (job_id) (flink_x
                    above: 1
                """);
        Path config = config();
        Files.writeString(config, Files.readString(config) + "rules:\n  packs: [pack.yaml]\n");

        CliRun run = run("check", "--config", config.toString(), "--online");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(pack + ":5:11: rules[0].expr: Prometheus cannot use this expression:", "parse error");
    }

    @Test
    void checkReportsAnInvalidPackOffline() throws Exception {
        Path pack = dir.resolve("pack.yaml");
        Files.writeString(pack, "rules:\n  - {name: a, signal: cpu, direction: up, expr: up, above: 1, clear: 2}\n");
        Path config = config();
        Files.writeString(config, Files.readString(config) + "rules:\n  packs: [pack.yaml]\n");

        CliRun run = run("check", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "error: the rule packs of " + config + " are not valid (1 problem):",
                        pack + ":2:70: rules[0].clear: clear 2 is above the firing threshold (above: 1)");
    }
}
