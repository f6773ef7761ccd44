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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backtest} against a real Prometheus backfilled with two hours of two Flink jobs: one idle from the
 * start (busiest vertex 50 ms/s), one backpressured twice for less than the rule's 5 minutes, around a gap of
 * 18 minutes in its metrics.
 */
class BacktestCommandIT {

    private static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(2));

    private static final FlinkHistory HISTORY = new FlinkHistory(FROM, TO)
            .taskManager("tm-1", "h1", s -> 0.4)
            .job("1d1e", "idle_report")
            .on("tm-1", "h1")
            .vertex("v-report", "Source:_report", 4, s -> 50, s -> 0, s -> 100)
            .done()
            .job("9a9b", "gappy")
            .on("tm-1", "h1")
            .gap(FROM.plus(Duration.ofMinutes(12)), FROM.plus(Duration.ofMinutes(30)))
            .vertex("v-source", "Source:_clicks", 2, s -> 500, BacktestCommandIT::twoShortSurges, s -> 2000)
            .vertex("v-sink", "Sink:_clicks", 2, s -> 500, s -> 0, s -> 2000)
            .done();

    /** Backpressured from minute 10 to 12 and from 30 to 34: never the 5 minutes the rule needs. */
    private static double twoShortSurges(double seconds) {
        double minute = seconds / 60;
        return (minute >= 10 && minute < 12) || (minute >= 30 && minute < 34) ? 952 : 0;
    }

    @RegisterExtension
    static PrometheusExtension prometheus =
            PrometheusExtension.withOptions(PrometheusOptions.defaults().withBackfill(HISTORY.series()));

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return CliRun.prometheusOnlyConfig(dir, prometheus.baseUrl());
    }

    private CliRun run(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("backtest", "--config", config().toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void findsTheScaleDownAfterScaleDownDelayAndNoDecisionAcrossTheGap() throws Exception {
        CliRun run = run("--from", FROM.toString(), "--to", TO.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).as("no progress when stderr is not a terminal").isEmpty();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("steps").asInt()).isEqualTo(481);
        JsonNode idle = job(report, "idle_report");
        // busy-low holds from the first sample: firing after its for: 30m, decided after scaleDownDelay 10m more.
        assertThat(idle.path("decisions")).hasSize(1);
        JsonNode down = idle.path("decisions").path(0);
        assertThat(down.path("at").asText()).isEqualTo("2025-06-01T00:40:00Z");
        assertThat(down.path("direction").asText()).isEqualTo("down");
        assertThat(down.path("from").asInt()).isEqualTo(4);
        assertThat(down.path("to").asInt()).isLessThan(4);
        assertThat(down.path("explanation").asText()).contains("down-rule busy-low fired");
        assertThat(idle.path("summary").path("down").asInt()).isEqualTo(1);
        assertThat(idle.path("summary").path("overProvisionedMinutes").asDouble())
                .isEqualTo(90.25);
        assertThat(idle.path("hourly").path(0).path("actual").asInt()).isEqualTo(4);
        assertThat(idle.path("hourly").path(0).path("ratePolicy").asInt()).isEqualTo(1);

        JsonNode gappy = job(report, "gappy");
        assertThat(gappy.path("decisions"))
                .as("backpressure never held 5 minutes of data")
                .isEmpty();
        assertThat(gappy.path("summary").path("underProvisionedMinutes").asDouble())
                .isZero();
        assertThat(gappy.path("summary").path("minutesWithData").asDouble()).isLessThan(105);
    }

    @Test
    void writesOneSelfContainedHtmlFileWithTheCharts() throws Exception {
        // Kept in target/ after the build: docs/backtest.md's chart is a screenshot of this page.
        Path out = Path.of("target", "backtest-it");
        CliRun run = run(
                "--from",
                FROM.toString(),
                "--to",
                TO.toString(),
                "--job",
                "idle_.*|9a9b",
                "--format",
                "html",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("wrote " + out.resolve("backtest.html"));
        String html = Files.readString(out.resolve("backtest.html"));
        assertThat(html)
                .contains("<svg", "class=\"decision-mark decision-down\"", "down-rule busy-low fired")
                .contains("data-job-id=\"1d1e\"", "data-job-id=\"9a9b\"")
                .doesNotContain("<script", "src=", "href=", "url(");
        assertThat(html.split("class=\"rule-value\"", -1)).hasSizeGreaterThan(8);
        assertThat(html).contains("class=\"threshold-fire\"", "class=\"band-firing\"", "class=\"parallelism\"");
    }

    @Test
    void textNamesEachDecisionWithItsTimeAndExplanation() throws Exception {
        CliRun run = run("--from", FROM.toString(), "--to", TO.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "backtest from 2025-06-01T00:00:00Z to 2025-06-01T02:00:00Z, every 15s (481 evaluations), 2 jobs",
                        "job idle_report (1d1e): 1 decision (0 up, 1 down), 0 flaps",
                        "  2025-06-01T00:40:00Z  down 4 → ",
                        "job gappy (9a9b): 0 decisions");
    }

    @Test
    void namesTheJobsSeenWhenNoneMatches() throws Exception {
        CliRun run = run("--from", FROM.toString(), "--to", TO.toString(), "--job", "orders.*");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no job matched --job orders.*", "idle_report (1d1e)", "gappy (9a9b)");
    }

    @Test
    void saysWhenTheRangeHoldsNoJobAtAll() throws Exception {
        CliRun run = run("--from", "2025-05-01T00:00:00Z", "--to", "2025-05-01T01:00:00Z");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "no Flink job has series in Prometheus between 2025-05-01T00:00:00Z and 2025-05-01T01:00:00Z");
    }

    @Test
    void saysARangeOlderThanPrometheusKeepsIsBeyondItsRetention() throws Exception {
        // The testbed's Prometheus keeps 10 years (--storage.tsdb.retention.time=10y).
        CliRun run = run("--from", "2014-01-01T00:00:00Z", "--to", "2014-01-01T01:00:00Z");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "the whole range is older than Prometheus keeps samples: its retention is 10y",
                        "(its /api/v1/status/runtimeinfo says), so it holds nothing before ");
    }

    @Test
    void rejectsARangeThatEndsBeforeItStarts() throws Exception {
        CliRun run = run("--from", TO.toString(), "--to", FROM.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--from 2025-06-01T02:00:00Z is not before --to 2025-06-01T00:00:00Z");
    }

    private static JsonNode job(JsonNode report, String name) {
        for (JsonNode job : report.path("jobs")) {
            if (job.path("jobName").asText().equals(name)) {
                return job;
            }
        }
        throw new AssertionError("no job " + name + " in " + report);
    }
}
