package dev.scalingadvisor.testbed.e2e.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvisorConfigFileTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void writesTheKeysOfExamplesAdvisorYaml() throws Exception {
        AdvisorConfigFile config = AdvisorConfigFile.of(AdvisorMode.ACT, "http://127.0.0.1:9090")
                .withFlinkCluster("testbed", "http://127.0.0.1:8081")
                .withEvaluationInterval(Duration.ofSeconds(5))
                .withMaxSampleAge(Duration.ofSeconds(30))
                .withRulePacks(List.of("builtin:default"))
                .withScaling("scaleDownDelay", Duration.ofSeconds(30))
                .withScaling("policy.factor", 2.0)
                .withRescale("strategy", "savepoint-redeploy")
                .withRescaleJar(RescaleJar.byName("testbed-loadjob-0.1.0-SNAPSHOT.jar")
                        .withEntryClass("x.Main")
                        .withArgs(List.of("--keys", "1000", "--hot-key-fraction", "0.0")))
                .withWebhookNotifier("sink", "http://127.0.0.1:1234/webhook", "whsec_abc")
                .withStateDir(Path.of("/var/lib/advisor"));

        JsonNode yaml = YAML.readTree(config.toYaml());

        assertThat(yaml.at("/mode").asText()).isEqualTo("act");
        assertThat(yaml.at("/prometheus/url").asText()).isEqualTo("http://127.0.0.1:9090");
        assertThat(yaml.at("/flink/clusters/0/name").asText()).isEqualTo("testbed");
        assertThat(yaml.at("/flink/clusters/0/restUrl").asText()).isEqualTo("http://127.0.0.1:8081");
        assertThat(yaml.at("/evaluation/interval").asText()).isEqualTo("5s");
        assertThat(yaml.at("/rules/packs/0").asText()).isEqualTo("builtin:default");
        assertThat(yaml.at("/scaling/scaleDownDelay").asText()).isEqualTo("30s");
        assertThat(yaml.at("/scaling/policy/factor").asDouble()).isEqualTo(2.0);
        assertThat(yaml.at("/rescale/jar/name").asText()).isEqualTo("testbed-loadjob-0.1.0-SNAPSHOT.jar");
        assertThat(yaml.at("/rescale/jar/entryClass").asText()).isEqualTo("x.Main");
        assertThat(yaml.at("/rescale/jar/args/1").isTextual())
                .as("program arguments stay strings")
                .isTrue();
        assertThat(yaml.at("/notifiers/0/type").asText()).isEqualTo("webhook");
        assertThat(yaml.at("/notifiers/0/secret").asText()).isEqualTo("whsec_abc");
        assertThat(yaml.at("/state/dir").asText()).isEqualTo("/var/lib/advisor");
        assertThat(yaml.at("/http/bind").asText()).isEqualTo("127.0.0.1");
        assertThat(yaml.at("/http/port").asInt()).isZero();
        assertThat(config.toYaml()).doesNotStartWith("---");
    }

    @Test
    void keepsATemplatesValuesAndReplacesListEntriesByName() throws Exception {
        AdvisorConfigFile template = AdvisorConfigFile.fromYaml("""
                mode: act
                scaling:
                  maxParallelism: 2
                notifiers:
                  - type: console
                    name: log
                  - type: webhook
                    name: sink
                    url: http://old
                    secret: whsec_old
                """, "test");

        AdvisorConfigFile config = template.withWebhookNotifier("sink", "http://new", "whsec_new")
                .withSlackNotifier("team", "http://slack")
                .withJob("orders.*", Map.of("maxParallelism", 4));
        JsonNode yaml = YAML.readTree(config.toYaml());

        assertThat(yaml.at("/scaling/maxParallelism").asInt()).isEqualTo(2);
        assertThat(yaml.at("/notifiers").size()).isEqualTo(3);
        assertThat(yaml.at("/notifiers/0/name").asText()).isEqualTo("log");
        assertThat(yaml.at("/notifiers/1/url").asText()).isEqualTo("http://new");
        assertThat(yaml.at("/notifiers/2/type").asText()).isEqualTo("slack");
        assertThat(yaml.at("/jobs/0/nameRegex").asText()).isEqualTo("orders.*");
        assertThat(yaml.at("/jobs/0/maxParallelism").asInt()).isEqualTo(4);
        assertThat(YAML.readTree(template.toYaml()).at("/notifiers/1/url").asText())
                .as("the template is unchanged")
                .isEqualTo("http://old");
    }

    @Test
    void escapesDollarsSoTheAdvisorsInterpolationLeavesValuesAlone() throws Exception {
        AdvisorConfigFile config = AdvisorConfigFile.of(AdvisorMode.OBSERVE, "http://x")
                .withStateDir(Path.of("/tmp/a$b"))
                .withJob("orders$", Map.of());

        JsonNode yaml = YAML.readTree(config.toYaml());

        assertThat(yaml.at("/state/dir").asText()).isEqualTo("/tmp/a$$b");
        assertThat(yaml.at("/jobs/0/nameRegex").asText()).isEqualTo("orders$$");
        assertThat(config.stateDir()).contains(Path.of("/tmp/a$b"));
    }

    @Test
    void removesAndReadsKeysByDottedPath() {
        AdvisorConfigFile config = AdvisorConfigFile.of(AdvisorMode.OBSERVE, "http://x")
                .with("evaluation.interval", Duration.ofSeconds(2));

        assertThat(config.get("evaluation.interval").map(JsonNode::asText)).contains("2s");
        assertThat(config.without("evaluation.interval").get("evaluation.interval"))
                .isEmpty();
        assertThat(config.without("nothing.here").get("mode").map(JsonNode::asText))
                .contains("observe");
    }

    @Test
    void writesTheFileAndRefusesWhatIsNotAMapping(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/advisor.yaml");
        AdvisorConfigFile.of(AdvisorMode.RECOMMEND, "http://x").writeTo(file);

        assertThat(Files.readString(file)).contains("mode: recommend");
        assertThatThrownBy(() -> AdvisorConfigFile.fromYaml("- a\n- b\n", "list.yaml"))
                .hasMessageContaining("list.yaml");
        assertThatThrownBy(() -> AdvisorConfigFile.fromYaml("a: [", "broken.yaml"))
                .hasMessageContaining("broken.yaml");
    }
}
