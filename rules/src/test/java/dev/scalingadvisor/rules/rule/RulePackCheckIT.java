package dev.scalingadvisor.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.yaml.Problem;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Online checks of a pack: Prometheus parses every expression, and bad ones are reported at their line. */
class RulePackCheckIT {

    @RegisterExtension
    static PrometheusExtension prometheus = PrometheusExtension.scrapeEvery(java.time.Duration.ofSeconds(1));

    @TempDir
    Path dir;

    private PrometheusClient client() {
        return PrometheusClient.create(HttpEndpoint.open(URI.create(prometheus.baseUrl()), Duration.ofSeconds(10)));
    }

    @Test
    void theDefaultPackAndTheWorkloadQueriesParse() {
        RulePack pack = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));

        RulePackCheck.PackCheck check =
                RulePackCheck.online(client(), pack, JobLabels.DEFAULTS, Duration.ofMinutes(2), Instant.now());

        assertThat(check.passed()).as(check.toString()).isTrue();
        assertThat(check.rules())
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.series()).isZero());
        assertThat(check.workload()).isEqualTo("0 vertices of 0 jobs");
    }

    @Test
    void reportsBadPromQLAtTheRulesExpression() throws IOException {
        Path file = dir.resolve("pack.yaml");
        Files.writeString(file, """
                rules:
                  - name: broken
                    signal: custom
                    direction: up
                    expr: sum(rate(flink_x[5m])
                    above: 1
                  - name: scalar
                    signal: custom
                    direction: up
                    expr: 1 + 1
                    above: 1
                  - name: no-job
                    signal: custom
                    direction: up
                    expr: vector(1)
                    above: 1
                """);
        RulePack pack = RulePackLoader.load(List.of(new RulePackSource.File(file)));

        RulePackCheck.PackCheck check =
                RulePackCheck.online(client(), pack, JobLabels.DEFAULTS, Duration.ofMinutes(2), Instant.now());

        assertThat(check.passed()).isFalse();
        assertThat(check.problems())
                .extracting(Problem::toString)
                .satisfiesExactly(
                        broken -> assertThat(broken)
                                .startsWith(file + ":5:11: rules[0].expr: Prometheus cannot use this expression:"
                                        + " Prometheus rejected the query (bad_data, HTTP 400):")
                                .contains("parse error"),
                        scalar -> assertThat(scalar)
                                .isEqualTo(file + ":10:11: rules[1].expr: the expression returns a scalar; a rule"
                                        + " needs one series per job (an instant vector)"),
                        noJob -> assertThat(noJob)
                                .isEqualTo(file + ":15:11: rules[2].expr: 1 of 1 series lack the job_id label;"
                                        + " keep job_id in the expression's by (…) clause"));
    }

    @Test
    void saysWhenPrometheusCannotBeReached() throws IOException {
        int port;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PrometheusClient nowhere = PrometheusClient.create(
                HttpEndpoint.open(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2)));

        RulePackCheck.PackCheck check = RulePackCheck.online(
                nowhere,
                RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT)),
                JobLabels.DEFAULTS,
                Duration.ofMinutes(2),
                Instant.now());

        assertThat(check.unreachable())
                .contains("cannot reach Prometheus: connection to http://127.0.0.1:" + port + " refused");
    }
}
