package dev.scalingadvisor.advisor.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real daemon as a separate process, the way systemd and Docker run it: start, serve HTTP,
 * reload on SIGHUP (and survive a bad reload), stop on SIGTERM with exit status 0, never print a secret.
 */
class DaemonProcessIT {

    private static final Path JAR = Path.of("target/scaling-advisor.jar");
    private static final String TOKEN = "prom-token-9f8e7d6c5b4a";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T0001/B0002/slackKeyXYZ123";
    private static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path dir;

    private Process daemon;
    private Path log;

    @AfterEach
    void stopDaemon() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void servesHealthAndMetricsReloadsOnHangupAndExitsZeroOnTerm() throws Exception {
        Path config = writeConfig("2s");
        int port = start(config);

        assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(port, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains(
                        "scaling_advisor_build_info",
                        "scaling_advisor_evaluation_cycles_total",
                        "jvm_memory_used_bytes");
        assertThat(get(port, "/nothing-here").statusCode()).isEqualTo(404);
        HttpResponse<String> decisions = get(port, "/api/v1/decisions?limit=5");
        assertThat(decisions.statusCode()).isEqualTo(200);
        assertThat(decisions.body()).isEqualTo("{\"decisions\":[]}");
        assertThat(get(port, "/api/v1/decisions?limit=0").statusCode()).isEqualTo(400);

        Files.writeString(config, Files.readString(config).replace("interval: 2s", "interval: 3s"));
        signal("HUP");
        awaitLog("configuration reloaded from .*interval=3s");

        // A burst of 20 SIGHUPs while cycles run (issue 14, fault suite): reloads are serialized and each one that
        // arrives applies (the kernel merges a signal sent while one is pending), none fails, the daemon stays
        // healthy and keeps evaluating
        for (int i = 0; i < 20; i++) {
            signal("HUP");
        }
        double reloads = settled(port, "scaling_advisor_config_reloads_total{outcome=\"success\"}");
        assertThat(reloads).isBetween(2.0, 21.0);
        assertThat(metric(port, "scaling_advisor_config_reloads_total{outcome=\"failure\"}"))
                .isZero();
        double cycles = metric(port, "scaling_advisor_evaluation_cycles_total{outcome=\"ok\"}");
        Instant until = Instant.now().plusSeconds(30);
        while (metric(port, "scaling_advisor_evaluation_cycles_total{outcome=\"ok\"}") <= cycles
                && Instant.now().isBefore(until)) {
            Thread.sleep(200);
        }
        assertThat(metric(port, "scaling_advisor_evaluation_cycles_total{outcome=\"ok\"}"))
                .as("cycles after the burst")
                .isGreaterThan(cycles);
        assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

        Files.writeString(config, Files.readString(config) + "mode: sideways\n");
        signal("HUP");
        awaitLog("configuration reload failed; the previous configuration stays in force");
        assertThat(get(port, "/healthz").statusCode())
                .as("a bad reload keeps the daemon up")
                .isEqualTo(200);
        assertThat(get(port, "/metrics").body()).contains("scaling_advisor_config_last_reload_successful 0.0");

        Instant stopAsked = Instant.now();
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS))
                .as("stops within 10 s of SIGTERM")
                .isTrue();
        assertThat(daemon.exitValue()).isZero();
        assertThat(Duration.between(stopAsked, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(output()).contains("stopped");
    }

    @Test
    void neverPrintsASecretInLogsOrErrors() throws Exception {
        Path config = writeConfig("1s");
        int port = start(config);
        // A reload that fails on the secret fields themselves, then one that works.
        Files.writeString(config, Files.readString(config).replace(WEBHOOK_SECRET, "whsec_" + TOKEN));
        signal("HUP");
        awaitLog("configuration reload failed");
        String metrics = get(port, "/metrics").body();
        daemon.destroy();
        daemon.waitFor(10, TimeUnit.SECONDS);

        Process check = new ProcessBuilder(java(), "-jar", JAR.toString(), "check", "--config", config.toString())
                .redirectErrorStream(true)
                .start();
        String checkOutput = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        check.waitFor(30, TimeUnit.SECONDS);

        assertThat(check.exitValue()).isEqualTo(2);
        for (String text : List.of(output(), checkOutput, metrics)) {
            assertThat(text).doesNotContain(TOKEN, "slackKeyXYZ123", "/services/T0001", WEBHOOK_SECRET.substring(6));
        }
        assertThat(output()).as("the host may be shown").contains("team slack https://hooks.slack.com");
    }

    private Path writeConfig(String interval) throws IOException {
        Path slackUrlFile = dir.resolve("slack-url");
        Files.writeString(slackUrlFile, SLACK_URL + "\n");
        Path config = dir.resolve("advisor.yaml");
        Files.writeString(config, """
                prometheus:
                  url: http://127.0.0.1:9
                  auth:
                    bearer:
                      token: %s
                evaluation:
                  interval: %s
                notifiers:
                  - type: slack
                    name: team
                    urlFile: slack-url
                  - type: webhook
                    name: bus
                    url: http://127.0.0.1:9/hook
                    secret: %s
                state:
                  dir: state
                http:
                  port: 0
                """.formatted(TOKEN, interval, WEBHOOK_SECRET));
        return config;
    }

    private int start(Path config) throws IOException, InterruptedException {
        log = dir.resolve("daemon.log");
        daemon = new ProcessBuilder(
                        java(),
                        "-Xmx128m",
                        "-jar",
                        JAR.toAbsolutePath().toString(),
                        "run",
                        "--config",
                        config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Matcher started = awaitLog("started: .*http=http://127\\.0\\.0\\.1:(\\d+)");
        return Integer.parseInt(started.group(1));
    }

    private Matcher awaitLog(String regex) throws IOException, InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m;
            }
            if (!daemon.isAlive()) {
                throw new AssertionError(
                        "daemon exited with " + daemon.exitValue() + " before logging /" + regex + "/:\n" + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no log line matching /" + regex + "/ within 30 s:\n" + output());
    }

    /** The value of one sample in /metrics (its full name with labels), 0 when absent. */
    private static double metric(int port, String sample) throws IOException, InterruptedException {
        return get(port, "/metrics")
                .body()
                .lines()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line ->
                        Double.parseDouble(line.substring(sample.length() + 1).trim()))
                .findFirst()
                .orElse(0);
    }

    /** {@code sample}'s value once it has not changed for 3 s (at most 60 s). */
    private static double settled(int port, String sample) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        double value = metric(port, sample);
        Instant changed = Instant.now();
        while (Instant.now().isBefore(deadline) && Instant.now().isBefore(changed.plusSeconds(3))) {
            Thread.sleep(200);
            double next = metric(port, sample);
            if (next != value) {
                value = next;
                changed = Instant.now();
            }
        }
        return value;
    }

    private String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(daemon.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
