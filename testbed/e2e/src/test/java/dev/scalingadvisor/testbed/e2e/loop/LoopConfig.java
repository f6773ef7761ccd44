package dev.scalingadvisor.testbed.e2e.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scalingadvisor.testbed.e2e.DurationText;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorConfigFile;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorMode;
import dev.scalingadvisor.testbed.e2e.advisor.RescaleJar;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.flink.TestbedBuild;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The advisor configuration the end-to-end tests start from: the demo's (same rules, thresholds and
 * policy) with every wait shortened through configuration alone, so each story takes about a minute.
 *
 * <ul>
 *   <li>every rule's {@code for:} is {@link #RULE_FOR}; the rest of the pack is the demo's, which is the
 *       default pack with shorter durations;</li>
 *   <li>a cycle every 2 s on a Prometheus scraping every second;</li>
 *   <li>{@code stabilization} 20 s: the load job's backpressure crosses 500 ms/s within about 15 s of a start at
 *       the saturating rate (docs/metrics.md);</li>
 *   <li>cooldowns of 10 minutes: a test sees one rescale per direction and anything more is flapping.</li>
 * </ul>
 */
final class LoopConfig {

    static final String CLUSTER = "e2e";
    static final Duration RULE_FOR = Duration.ofSeconds(10);
    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final Duration STABILIZATION = Duration.ofSeconds(20);

    private LoopConfig() {}

    /**
     * The configuration for one test: {@code mode} for every job, the testbed's Prometheus and Flink, and the load
     * job resubmitted from its jar with its own program arguments.
     */
    static AdvisorConfigFile of(AdvisorMode mode, ScrapedFlinkExtension testbed, LoadJob load, Path dir) {
        return of(mode, testbed.prometheus().baseUrl(), testbed.cluster().restUrl(), load, dir);
    }

    /** The same, with Flink reached at {@code flinkRestUrl}: the cluster or a fault-injecting proxy in front of it. */
    static AdvisorConfigFile of(AdvisorMode mode, String prometheusUrl, String flinkRestUrl, LoadJob load, Path dir) {
        RescaleJar jar = RescaleJar.byName(
                        TestbedBuild.loadJobJar().getFileName().toString())
                .withEntryClass(load.entryClass())
                .withArgs(load.options().programArguments(load.control()));
        return AdvisorConfigFile.fromResource("/demo/advisor.yaml")
                .withMode(mode)
                .withPrometheus(prometheusUrl)
                .withFlinkCluster(CLUSTER, flinkRestUrl)
                .withRulePack(rulePack(dir))
                .withEvaluationInterval(INTERVAL)
                .withMaxSampleAge(Duration.ofSeconds(20))
                .withScaling("stabilization", STABILIZATION)
                .withScaling("scaleUpCooldown", Duration.ofMinutes(10))
                .withScaling("scaleDownCooldown", Duration.ofMinutes(10))
                .withScaling("scaleDownDelay", Duration.ofSeconds(10))
                .withRescale("verifyWindow", Duration.ofSeconds(10))
                .withRescale("submitBackoff", Duration.ofSeconds(1))
                .withJob(load.options().jobName(), Map.of("rescale", Map.of("jar", jar.asMapping())))
                // The template leaves http to the defaults (port 9790); every test's advisor gets a port of its own.
                .with("http.bind", "127.0.0.1")
                .with("http.port", 0);
    }

    /** Writes the demo's rule pack with every {@code for:} set to {@link #RULE_FOR} into {@code dir}. */
    static Path rulePack(Path dir) {
        try (InputStream in = LoopConfig.class.getResourceAsStream("/demo/rules.yaml")) {
            if (in == null) {
                throw new IllegalStateException("/demo/rules.yaml is not on the test classpath");
            }
            YAMLMapper yaml = new YAMLMapper();
            JsonNode pack = yaml.readTree(in);
            for (JsonNode rule : pack.path("rules")) {
                ((ObjectNode) rule).put("for", DurationText.format(RULE_FOR));
            }
            Path file = dir.resolve("e2e-rules.yaml");
            Files.createDirectories(dir);
            yaml.writeValue(file.toFile(), pack);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the end-to-end rule pack into " + dir, e);
        }
    }
}
