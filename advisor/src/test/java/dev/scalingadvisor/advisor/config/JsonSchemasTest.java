package dev.scalingadvisor.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.settings.Include;
import dev.scalingadvisor.core.settings.ListOf;
import dev.scalingadvisor.core.settings.Nested;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.settings.SettingsEntry;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.rules.rule.PolicyKind;
import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The published JSON Schemas (docs/schemas) are for editors: {@code advisor.schema.json} is generated from the keys'
 * declarations, {@code rule-pack.schema.json} is written by hand. These tests hold them to what the loaders accept: a
 * configuration that sets every key loads and validates, the example and the docs' snippets validate, a misspelled
 * key or a value out of bounds is refused by both, and every enumerated value is the spelling the enums read.
 */
class JsonSchemasTest {

    private static final Path SCHEMAS = Path.of("..", "docs", "schemas");
    private static final JsonSchema ADVISOR = schema("advisor.schema.json");
    private static final JsonSchema RULE_PACK = schema("rule-pack.schema.json");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

    /** Every key the configuration reader knows, each with a valid value. */
    private static final String EVERY_KEY = """
            mode: recommend
            prometheus:
              url: https://prometheus.example.com
              timeout: 10s
              auth:
                basic:
                  username: advisor
                  password: schema-test-password
              tls:
                caFile: ca.pem
            flink:
              clusters:
                - name: local
                  restUrl: http://127.0.0.1:8081
                  webUrl: https://flink.example.com
                  timeout: 10s
                  auth:
                    bearer:
                      tokenFile: flink-token
            evaluation:
              interval: 15s
              maxSampleAge: 2m
            rules:
              packs: [builtin:default]
              labels: {job: job_id, jobName: job_name, vertex: task_id, vertexName: task_name, subtask: subtask_index}
            scaling:
              minParallelism: 1
              maxParallelism: 32
              maxScaleUpFactor: 4
              policy: {type: lag, factor: 1.5, targetUtilization: 0.7, catchUpDuration: 10m}
              stabilization: 3m
              scaleUpCooldown: 5m
              scaleDownCooldown: 30m
              scaleDownDelay: 10m
              scaleDownMaxFactor: 0.6
              excludedVertices: ["Sink: audit"]
              skewGuard: {maxToAverage: 2.0, hotSubtaskBusy: 0.9, clearToAverage: 1.6, clearFor: 5m}
              ineffectiveScaleUp:
                minGainRatio: 0.2
                blockFor: 6h
                saturatedCpuLoad: 0.9
                saturatedCpuClear: 0.8
                saturatedClearFor: 5m
            rescale:
              strategy: savepoint-redeploy
              savepointDir: file:///tmp/savepoints
              savepointTimeout: 10m
              runningTimeout: 5m
              verifyWindow: 2m
              maxPerJobPerHour: 2
              maxConcurrentPerCluster: 1
              excludedPeriods: ["22:30-01:15"]
              timeZone: Europe/Berlin
              checkpointMaxAge: 15m
              maxCheckpointFailures: 0
              checkpointFailureWindow: 15m
              submitAttempts: 3
              submitBackoff: 5s
              submitTimeout: 2m
              pollInterval: 1s
              allowNonRestoredState: false
              dryRun: false
              jar: {name: orders-job.jar, entryClass: com.example.OrdersJob, args: ["--topic", "orders"]}
            jobs:
              - nameRegex: "orders.*"
                cluster: local
                mode: act
                minParallelism: 2
                policy: rate
                excludedVertices: ["Source: orders"]
                rescale: {strategy: in-place, verifyWindow: 1m}
              - jobId: 0123456789abcdef0123456789abcdef
                mode: observe
            notifiers:
              - type: console
                name: log
                events: [recommendation, recommendation-resolved, rescale-failed, finding]
              - type: slack
                name: team-data
                urlFile: slack-url
                jobs: "orders.*"
                repeatInterval: 4h
                sendResolved: true
                timeout: 10s
              - type: webhook
                name: ops-bus
                url: https://hooks.example.com/scaling
                secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                headers: {Authorization: "Bearer token"}
              - type: alertmanager
                name: alertmanager
                url: http://127.0.0.1:9093
            state:
              dir: ./state
              historyRetention: 30d
            http:
              bind: 127.0.0.1
              port: 9790
              apiTokenFile: api-token
            """;

    @TempDir
    Path dir;

    @Test
    void aConfigurationSettingEveryKeyLoadsAndMatchesTheSchema() throws IOException {
        for (String file : List.of("ca.pem", "flink-token", "slack-url", "api-token")) {
            // Distinct values: every secret read is registered process-wide for redaction in logs, so a common
            // word here would be redacted in other tests' output.
            Files.writeString(
                    dir.resolve(file),
                    file.equals("slack-url")
                            ? "https://hooks.slack.com/T0/B0/schemaTest"
                            : file + "-schema-test-value");
        }
        Path config = dir.resolve("advisor.yaml");
        Files.writeString(config, EVERY_KEY);

        new ConfigLoader(Map.of("HOME", dir.toString()), ZoneId.of("UTC")).load(config);
        assertThat(violations(ADVISOR, yaml(EVERY_KEY))).isEmpty();
    }

    @Test
    void theShippedExampleMatchesTheSchema() throws IOException {
        assertThat(violations(ADVISOR, yaml(Files.readString(Path.of("..", "examples", "advisor.yaml")))))
                .isEmpty();
    }

    /** The docs' {@code advisor.yaml} snippets (not rule packs or Kubernetes files) are valid for editors too. */
    @Test
    void everyConfigurationInTheDocsMatchesTheSchema() throws IOException {
        List<Path> pages;
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            pages = Stream.concat(
                            docs.filter(page -> page.toString().endsWith(".md")), Stream.of(Path.of("..", "README.md")))
                    .sorted()
                    .toList();
        }
        Set<String> topLevel =
                AdvisorConfig.SECTION.entries().stream().map(SettingsEntry::key).collect(Collectors.toSet());
        int checked = 0;
        for (Path page : pages) {
            Matcher block = YAML_BLOCK.matcher(Files.readString(page));
            while (block.find()) {
                JsonNode snippet = yaml(block.group(1));
                List<String> keys = new ArrayList<>();
                snippet.fieldNames().forEachRemaining(keys::add);
                boolean advisorConfig = !keys.isEmpty()
                        && topLevel.containsAll(keys)
                        && (!snippet.has("rules") || snippet.get("rules").isObject());
                if (advisorConfig) {
                    assertThat(violations(ADVISOR, snippet))
                            .as(page + ":\n" + block.group(1))
                            .isEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).as("advisor.yaml snippets found in the docs").isPositive();
    }

    /** Where JSON Schema can say it, what the reader refuses the schema refuses too, with the key in its message. */
    @Test
    void valuesTheReaderRefusesAreRefusedByTheSchema() {
        for (String refused : List.of(
                "scaling:\n  minParallelism: 0\n",
                "scaling:\n  policy: {type: step, factor: 20}\n",
                "scaling:\n  policy: fastest\n",
                "rescale:\n  strategy: in_place\n",
                "rescale:\n  dryRun: perhaps\n",
                "evaluation:\n  interval: 15 seconds\n",
                "notifiers:\n  - type: console\n")) {
            assertThat(violations(ADVISOR, yaml("prometheus: {url: http://127.0.0.1:9090}\n" + refused)))
                    .as(refused)
                    .isNotEmpty();
        }
    }

    /** {@code ${VAR}} is replaced by the reader, so the schema takes it where a number, flag or duration goes. */
    @Test
    void aValueFromTheEnvironmentIsAccepted() {
        assertThat(violations(ADVISOR, yaml("""
                        prometheus: {url: "${PROMETHEUS_URL}"}
                        scaling: {minParallelism: "${MIN_P}", scaleDownMaxFactor: "${F}", stabilization: "${S}"}
                        rescale: {dryRun: "${DRY_RUN}"}
                        http: {port: "${PORT}"}
                        """))).isEmpty();
    }

    @Test
    void aMisspelledKeyIsRefusedByTheSchemaAsByTheLoader() throws IOException {
        String misspelled = "prometheus:\n  url: http://127.0.0.1:9090\nscaling:\n  scaleUpCoolDown: 5m\n";
        Path config = dir.resolve("advisor.yaml");
        Files.writeString(config, misspelled);

        assertThatThrownBy(() -> new ConfigLoader(Map.of("HOME", dir.toString()), ZoneId.of("UTC")).load(config))
                .hasMessageContaining("scaleUpCoolDown");
        assertThat(violations(ADVISOR, yaml(misspelled)))
                .singleElement()
                .asString()
                .contains("scaleUpCoolDown");
    }

    @Test
    void theShippedRulePacksMatchTheSchema() throws IOException {
        try (InputStream builtin = getClass().getResourceAsStream("/rulepacks/default.yaml")) {
            assertThat(violations(RULE_PACK, yaml(new String(builtin.readAllBytes()))))
                    .isEmpty();
        }
        Path example = Path.of("..", "examples", "outside-signals", "consumer-group-lag.yaml");
        assertThat(violations(RULE_PACK, yaml(Files.readString(example)))).isEmpty();
        assertThat(violations(
                        RULE_PACK, yaml("rules:\n  - name: x\n    signal: cpu\n    direction: up\n    expr: up\n")))
                .as("a rule without a threshold")
                .isNotEmpty();
    }

    @Test
    void everyEnumeratedValueIsASpellingTheReadersAccept() throws IOException {
        JsonNode advisor =
                Json.mapper().readTree(SCHEMAS.resolve("advisor.schema.json").toFile());
        JsonNode pack =
                Json.mapper().readTree(SCHEMAS.resolve("rule-pack.schema.json").toFile());
        JsonNode notifier = advisor.at("/properties/notifiers/items/properties");

        assertThat(enumAt(advisor, "/properties/mode/enum")).isEqualTo(spellings(Mode.values()));
        assertThat(enumAt(advisor, "/properties/rescale/properties/strategy/enum"))
                .isEqualTo(spellings(RescaleStrategy.values()));
        assertThat(enumAt(advisor, "/properties/scaling/properties/policy/oneOf/0/enum"))
                .isEqualTo(spellings(PolicyKind.values()));
        assertThat(enumAt(notifier, "/type/enum")).isEqualTo(spellings(NotifierType.values()));
        assertThat(enumAt(notifier, "/events/anyOf/0/enum")).isEqualTo(spellings(EventKind.values()));
        JsonNode rule = pack.at("/properties/rules/items/properties");
        assertThat(enumAt(rule, "/signal/enum")).isEqualTo(spellings(Signal.values()));
        assertThat(enumAt(rule, "/direction/enum")).isEqualTo(spellings(RuleDirection.values()));
        assertThat(enumAt(rule, "/sizing/enum")).isEqualTo(spellings(PolicyKind.values()));
    }

    /**
     * The schema is generated from the declarations ({@code ConfigurationReferenceTest}); this holds the generator
     * to every kind of entry (nested, included, lists of mappings, mappings as values): a declared key it leaves out
     * is found here, with its path.
     */
    @Test
    void everyDeclaredKeyIsInTheSchema() throws IOException {
        JsonNode advisor =
                Json.mapper().readTree(SCHEMAS.resolve("advisor.schema.json").toFile());
        List<String> missing = new ArrayList<>();

        missingKeys(AdvisorConfig.SECTION, advisor, "", missing);

        assertThat(missing).as("declared keys the schema does not have").isEmpty();
    }

    private static <S> void missingKeys(Section<S> section, JsonNode schema, String path, List<String> missing) {
        JsonNode object = StreamSupport.stream(schema.path("oneOf").spliterator(), false)
                .filter(alternative -> alternative.has("properties"))
                .findFirst()
                .orElse(schema);
        JsonNode properties = object.path("properties");
        for (SettingsEntry<S> entry : section.entries()) {
            if (entry instanceof Include<S, ?> include) {
                missingKeys(include.section(), schema, path, missing);
                continue;
            }
            if (entry instanceof Option<S, ?> option && !option.isKey()) {
                continue;
            }
            String at = path + entry.key();
            JsonNode property = properties.path(entry.key());
            if (property.isMissingNode()) {
                missing.add(at);
            } else if (entry instanceof Nested<S, ?> nested) {
                missingKeys(nested.section(), property, at + ".", missing);
            } else if (entry instanceof ListOf<S, ?> list) {
                missingKeys(list.element(), property.path("items"), at + "[].", missing);
            } else if (entry instanceof Option<S, ?> option && option.section().isPresent()) {
                missingKeys(option.section().get(), property, at + ".", missing);
            }
        }
    }

    private static List<String> enumAt(JsonNode node, String pointer) {
        return StreamSupport.stream(node.at(pointer).spliterator(), false)
                .map(JsonNode::asText)
                .sorted()
                .toList();
    }

    private static List<String> spellings(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Spelling::of).sorted().toList();
    }

    private static JsonNode yaml(String text) {
        return Json.mapper().valueToTree(new Yaml().load(text));
    }

    private static List<String> violations(JsonSchema schema, JsonNode document) {
        return schema.validate(document).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private static JsonSchema schema(String file) {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Files.readString(SCHEMAS.resolve(file)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
