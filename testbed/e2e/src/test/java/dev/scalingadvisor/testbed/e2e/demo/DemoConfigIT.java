package dev.scalingadvisor.testbed.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorBuild;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorConfigFile;
import dev.scalingadvisor.testbed.e2e.advisor.RescaleJar;
import dev.scalingadvisor.testbed.e2e.webhook.StandardWebhooks;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's advisor configuration and rule pack pass the daemon's own {@code check}, so ./demo never starts a daemon that refuses them. */
class DemoConfigIT {

    @Test
    void theDemoConfigurationPassesTheAdvisorsCheck(@TempDir Path dir) throws Exception {
        AdvisorConfigFile config = DemoAdvisorConfig.create(
                new DemoAdvisorConfig.RunTime(
                        "http://127.0.0.1:9",
                        "http://127.0.0.1:9",
                        "demo-orders",
                        RescaleJar.byName("testbed-loadjob-0.1.0-SNAPSHOT.jar")
                                .withEntryClass(LoadJob.ENTRY_CLASS)
                                .withArgs(List.of("--control-dir", dir.toString(), "--keys", "1000")),
                        "http://127.0.0.1:9/webhook",
                        StandardWebhooks.newSecret()),
                dir.resolve("advisor"));
        Path file = dir.resolve("advisor/advisor.yaml");
        config.writeTo(file);

        Process check = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        AdvisorBuild.jar().toString(),
                        "check",
                        "--config",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(check.exitValue())
                .as("scaling-advisor check of the demo config:\n%s\n%s", output, config.toYaml())
                .isZero();
        assertThat(config.get("mode").map(JsonNode::asText)).contains("act");
        assertThat(config.get("rules.packs").orElseThrow().get(0).asText()).endsWith("advisor/rules.yaml");
        assertThat(config.get("jobs")
                        .orElseThrow()
                        .get(0)
                        .at("/rescale/jar/entryClass")
                        .asText())
                .isEqualTo(LoadJob.ENTRY_CLASS);
    }
}
