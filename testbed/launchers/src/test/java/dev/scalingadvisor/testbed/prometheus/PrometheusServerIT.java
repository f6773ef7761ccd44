package dev.scalingadvisor.testbed.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusServerIT {

    @Test
    void scrapesTargetsThatChangeWhileItRunsAndComesBackOnTheSameData() {
        try (PrometheusServer prometheus = PrometheusServer.start(PrometheusOptions.defaults())) {
            String self = prometheus.baseUrl().substring("http://".length());

            prometheus.scrape("self", List.of(self));
            prometheus.awaitTargetsUp("self", Duration.ofSeconds(30));
            Instant scrapedBefore = Instant.now();

            prometheus.scrape("self", List.of());
            prometheus.queries().await("up{job=\"self\"}", Duration.ofSeconds(30), List::isEmpty, "the target gone");

            prometheus.stop();
            assertThat(prometheus.isRunning()).isFalse();
            prometheus.start();

            List<RangeSeries> history = prometheus
                    .queries()
                    .range("up{job=\"self\"}", scrapedBefore.minusSeconds(60), Instant.now(), Duration.ofSeconds(1));
            assertThat(history).as("samples scraped before the restart").isNotEmpty();
            assertThat(prometheus.baseUrl()).endsWith(":" + prometheus.port());
        }
    }

    @Test
    void servesBackfilledHistoryWithTheSameValues() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofHours(2));
        SyntheticSeries lag = SyntheticSeries.of("testbed_backfilled_lag", Map.of("job_name", "orders_v2"))
                .every(Duration.ofSeconds(15), start, end, seconds -> seconds == 600 ? Double.NaN : seconds / 15.0)
                .build();

        try (PrometheusServer prometheus =
                PrometheusServer.start(PrometheusOptions.defaults().withBackfill(List.of(lag)))) {
            List<RangeSeries> answer =
                    prometheus.queries().range("testbed_backfilled_lag", start, end, Duration.ofSeconds(15));

            assertThat(answer).hasSize(1);
            assertThat(answer.get(0).labels()).containsEntry("job_name", "orders_v2");
            // Record equality compares doubles with Double.compare, so the NaN sample must come back as NaN.
            assertThat(answer.get(0).samples()).containsExactlyElementsOf(lag.samples());
        }
    }

    @Test
    void promtoolTestRulesReportsPassAndFailure() {
        String rules = """
                groups:
                  - name: scaling
                    rules:
                      - alert: Backpressured
                        expr: backpressure > 500
                        for: 5m
                """;
        String firesAtFiveMinutes = """
                rule_files: [rules.yml]
                evaluation_interval: 15s
                tests:
                  - interval: 15s
                    input_series:
                      - series: 'backpressure{job_name="orders"}'
                        values: '900x40'
                    alert_rule_test:
                      - eval_time: 4m
                        alertname: Backpressured
                        exp_alerts: []
                      - eval_time: 5m
                        alertname: Backpressured
                        exp_alerts:
                          - exp_labels: {job_name: orders}
                """;

        PromtoolResult pass = Promtool.testRules(rules, firesAtFiveMinutes);
        PromtoolResult fail =
                Promtool.testRules(rules, firesAtFiveMinutes.replace("eval_time: 5m", "eval_time: 4m30s"));

        assertThat(pass.succeeded()).as(pass.output()).isTrue();
        assertThat(fail.exitCode()).as(fail.output()).isEqualTo(1);
        assertThat(fail.stdout() + fail.stderr()).contains("Backpressured");
    }
}
