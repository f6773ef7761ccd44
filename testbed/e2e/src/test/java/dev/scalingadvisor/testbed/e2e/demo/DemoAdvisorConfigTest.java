package dev.scalingadvisor.testbed.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorConfigFile;
import dev.scalingadvisor.testbed.e2e.advisor.RescaleJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAdvisorConfigTest {

    @Test
    void actsOnTheDemoJobWithItsJarAndTheShortenedPackAndNotifiesTheSink(@TempDir Path dir) {
        AdvisorConfigFile config = DemoAdvisorConfig.create(
                new DemoAdvisorConfig.RunTime(
                        "http://127.0.0.1:1",
                        "http://127.0.0.1:2",
                        "demo-orders",
                        RescaleJar.byName("job.jar").withEntryClass("a.Main").withArgs(List.of("--keys", "1000")),
                        "http://127.0.0.1:3/webhook",
                        "whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"),
                dir);

        assertThat(text(config, "mode")).isEqualTo("act");
        assertThat(text(config, "prometheus.url")).isEqualTo("http://127.0.0.1:1");
        assertThat(config.get("flink.clusters")
                        .orElseThrow()
                        .get(0)
                        .path("restUrl")
                        .asText())
                .isEqualTo("http://127.0.0.1:2");
        assertThat(config.get("rules.packs").orElseThrow().get(0).asText())
                .isEqualTo(dir.resolve("rules.yaml").toString());
        assertThat(Files.isRegularFile(dir.resolve("rules.yaml"))).isTrue();
        JsonNode job = config.get("jobs").orElseThrow().get(0);
        assertThat(job.path("nameRegex").asText()).isEqualTo("demo.orders");
        assertThat(job.at("/rescale/jar/name").asText()).isEqualTo("job.jar");
        assertThat(job.at("/rescale/jar/args/1").asText()).isEqualTo("1000");
        assertThat(config.get("notifiers").orElseThrow().findValuesAsText("url"))
                .contains("http://127.0.0.1:3/webhook");
        assertThat(config.stateDir()).contains(dir.resolve("state"));
        assertThat(text(config, "http.port")).isEqualTo("0");
    }

    @Test
    void theJobsNameRegexMatchesBothFlinksAndPrometheusSpelling() {
        Pattern regex = Pattern.compile(DemoAdvisorConfig.nameRegex("demo-orders v2"));

        assertThat(regex.matcher("demo-orders v2").matches()).isTrue();
        assertThat(regex.matcher("demo_orders_v2").matches()).isTrue();
        assertThat(regex.matcher("demo-orders-v3").matches()).isFalse();
    }

    private static String text(AdvisorConfigFile config, String key) {
        return config.get(key).orElseThrow().asText();
    }
}
