package dev.scalingadvisor.testbed.e2e.advisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scalingadvisor.testbed.e2e.DurationText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An advisor configuration file for tests and the demo, written as the YAML {@code examples/advisor.yaml}
 * documents: start from nothing or from a template, set what the test needs, write it next to the daemon.
 * Immutable: every {@code with…} returns a changed copy, so a test can derive a reload's configuration from the
 * first one.
 *
 * <pre>{@code
 * AdvisorConfigFile config = AdvisorConfigFile.of(AdvisorMode.ACT, prometheus.baseUrl())
 *         .withFlinkCluster("testbed", cluster.restUrl())
 *         .withEvaluationInterval(Duration.ofSeconds(5))
 *         .withRulePack(packFile)
 *         .withScaling("scaleDownDelay", Duration.ofSeconds(30))
 *         .withRescale("strategy", "savepoint-redeploy")
 *         .withRescaleJar(RescaleJar.byName("testbed-loadjob-0.1.0-SNAPSHOT.jar").withEntryClass(LoadJob.ENTRY_CLASS))
 *         .withWebhookNotifier("sink", sink.url(), sink.secret());
 * }</pre>
 *
 * <p>Values set through this class are literal: a {@code $} is escaped so the advisor's {@code ${VAR}}
 * interpolation leaves it alone. Durations are written as Prometheus durations ({@code 30s}, {@code 500ms}),
 * paths as absolute paths. {@code http} is always {@code 127.0.0.1} on a port of the advisor's choosing unless
 * set otherwise.
 */
public final class AdvisorConfigFile {

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    // Program arguments such as "1000" must stay strings, not become YAML numbers.
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .build();

    private final ObjectNode root;

    private AdvisorConfigFile(ObjectNode root) {
        this.root = root;
    }

    /** A configuration with only a mode, a Prometheus and the loopback HTTP endpoint on a free port. */
    public static AdvisorConfigFile of(AdvisorMode mode, String prometheusUrl) {
        return new AdvisorConfigFile(JsonNodeFactory.instance.objectNode())
                .withMode(mode)
                .withPrometheus(prometheusUrl)
                .with("http.bind", "127.0.0.1")
                .with("http.port", 0);
    }

    /** Starts from a YAML document (e.g. the demo's template); its own values are kept as written. */
    public static AdvisorConfigFile fromYaml(String yaml, String origin) {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return new AdvisorConfigFile(JsonNodeFactory.instance.objectNode());
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(
                        origin + ": an advisor configuration is a YAML mapping, not " + node.getNodeType());
            }
            return new AdvisorConfigFile((ObjectNode) node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** Starts from a YAML document on the classpath, e.g. {@code /demo/advisor.yaml}. */
    public static AdvisorConfigFile fromResource(String resource) {
        try (InputStream in = AdvisorConfigFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " on the classpath");
            }
            return fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }

    public AdvisorConfigFile withMode(AdvisorMode mode) {
        return with("mode", mode.yaml());
    }

    public AdvisorConfigFile withPrometheus(String url) {
        return with("prometheus.url", url);
    }

    /** Adds the Flink cluster, or replaces the cluster of the same name. */
    public AdvisorConfigFile withFlinkCluster(String name, String restUrl) {
        return withListEntry("flink.clusters", "name", mapping("name", name, "restUrl", restUrl));
    }

    public AdvisorConfigFile withEvaluationInterval(Duration interval) {
        return with("evaluation.interval", interval);
    }

    public AdvisorConfigFile withMaxSampleAge(Duration age) {
        return with("evaluation.maxSampleAge", age);
    }

    /** Evaluates exactly these packs ({@code builtin:default} or rule pack files), in order. */
    public AdvisorConfigFile withRulePacks(List<String> packs) {
        return with("rules.packs", packs);
    }

    /** Evaluates exactly this rule pack file instead of the built-in pack. */
    public AdvisorConfigFile withRulePack(Path file) {
        return withRulePacks(List.of(file.toAbsolutePath().toString()));
    }

    /** Sets one key of {@code scaling:}, e.g. {@code ("scaleDownDelay", Duration.ofSeconds(30))} or {@code ("policy.factor", 2.0)}. */
    public AdvisorConfigFile withScaling(String key, Object value) {
        return with("scaling." + key, value);
    }

    /** Sets one key of {@code rescale:}, e.g. {@code ("strategy", "savepoint-redeploy")}. */
    public AdvisorConfigFile withRescale(String key, Object value) {
        return with("rescale." + key, value);
    }

    /** How savepoint-redeploy resubmits jobs ({@code rescale.jar}). */
    public AdvisorConfigFile withRescaleJar(RescaleJar jar) {
        return with("rescale.jar", jar.asMapping());
    }

    /**
     * Adds a per-job override ({@code jobs[]}) selecting jobs whose whole name matches {@code nameRegex}; or
     * replaces the override with the same regex. {@code settings} are the override's other keys.
     */
    public AdvisorConfigFile withJob(String nameRegex, Map<String, Object> settings) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.set("nameRegex", node(nameRegex));
        settings.forEach((key, value) -> entry.set(key, node(value)));
        return withListEntry("jobs", "nameRegex", entry);
    }

    /** Adds a Standard Webhooks notifier (or replaces the notifier of that name); {@code secret} is {@code whsec_…}. */
    public AdvisorConfigFile withWebhookNotifier(String name, String url, String secret) {
        return withListEntry(
                "notifiers", "name", mapping("type", "webhook", "name", name, "url", url, "secret", secret));
    }

    /** Adds a Slack notifier posting to {@code url} (a WireMock stand-in in tests). */
    public AdvisorConfigFile withSlackNotifier(String name, String url) {
        return withListEntry("notifiers", "name", mapping("type", "slack", "name", name, "url", url));
    }

    /** Adds a notifier that writes to the advisor's own log. */
    public AdvisorConfigFile withConsoleNotifier(String name) {
        return withListEntry("notifiers", "name", mapping("type", "console", "name", name));
    }

    public AdvisorConfigFile withStateDir(Path dir) {
        return with("state.dir", dir.toAbsolutePath());
    }

    /** The configured {@code state.dir}, if any. */
    public Optional<Path> stateDir() {
        JsonNode dir = root.at("/state/dir");
        return dir.isTextual() ? Optional.of(Path.of(dir.asText().replace("$$", "$"))) : Optional.empty();
    }

    /**
     * Sets any key by its dotted path, creating the mappings on the way: {@code with("rescale.verifyWindow",
     * Duration.ofSeconds(30))}. Values may be strings, numbers, booleans, {@link Duration}s, {@link Path}s, lists
     * and maps of these.
     */
    public AdvisorConfigFile with(String dottedPath, Object value) {
        ObjectNode copy = root.deepCopy();
        String[] keys = dottedPath.split("\\.");
        ObjectNode parent = copy;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = parent.get(keys[i]);
            if (child == null || !child.isObject()) {
                parent = parent.putObject(keys[i]);
            } else {
                parent = (ObjectNode) child;
            }
        }
        parent.set(keys[keys.length - 1], node(value));
        return new AdvisorConfigFile(copy);
    }

    /** Removes a key by its dotted path, if present. */
    public AdvisorConfigFile without(String dottedPath) {
        ObjectNode copy = root.deepCopy();
        int lastDot = dottedPath.lastIndexOf('.');
        JsonNode parent = lastDot < 0
                ? copy
                : copy.at("/" + dottedPath.substring(0, lastDot).replace('.', '/'));
        if (parent instanceof ObjectNode object) {
            object.remove(dottedPath.substring(lastDot + 1));
        }
        return new AdvisorConfigFile(copy);
    }

    /** The value at a dotted path as YAML would read it, e.g. {@code get("evaluation.interval")} → {@code "5s"}. */
    public Optional<JsonNode> get(String dottedPath) {
        JsonNode node = root.at("/" + dottedPath.replace('.', '/'));
        return node.isMissingNode() ? Optional.empty() : Optional.of(node.deepCopy());
    }

    public String toYaml() {
        try {
            return "# Written by the end-to-end harness (testbed/e2e AdvisorConfigFile).\n"
                    + YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the advisor configuration as YAML", e);
        }
    }

    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toYaml());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the advisor configuration " + file, e);
        }
    }

    @Override
    public String toString() {
        return toYaml();
    }

    private AdvisorConfigFile withListEntry(String dottedPath, String identifyingKey, Object entry) {
        JsonNode newEntry = node(entry);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        boolean replaced = false;
        JsonNode existing = root.at("/" + dottedPath.replace('.', '/'));
        if (existing.isArray()) {
            for (JsonNode item : existing) {
                if (item.path(identifyingKey).equals(newEntry.path(identifyingKey))) {
                    list.add(newEntry);
                    replaced = true;
                } else {
                    list.add(item.deepCopy());
                }
            }
        }
        if (!replaced) {
            list.add(newEntry);
        }
        return with(dottedPath, list);
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof JsonNode json) {
            return json.deepCopy();
        }
        if (value instanceof Duration duration) {
            return nodes.textNode(DurationText.format(duration));
        }
        if (value instanceof Path path) {
            return nodes.textNode(literal(path.toAbsolutePath().toString()));
        }
        if (value instanceof String text) {
            return nodes.textNode(literal(text));
        }
        if (value instanceof Boolean bool) {
            return nodes.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return nodes.numberNode(number.doubleValue());
        }
        if (value instanceof Enum<?> constant) {
            return nodes.textNode(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (value instanceof List<?> items) {
            ArrayNode array = nodes.arrayNode();
            items.forEach(item -> array.add(node(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((key, item) -> object.set(key.toString(), node(item)));
            return object;
        }
        throw new IllegalArgumentException(
                "cannot write a " + value.getClass().getSimpleName() + " into an advisor configuration: " + value);
    }

    /** The advisor replaces {@code ${VAR}} in every value; {@code $$} is its literal dollar. */
    private static String literal(String text) {
        return text.replace("$", "$$");
    }

    /** A mapping that keeps the order its keys are given in, so the written YAML reads as written here. */
    private static Map<String, Object> mapping(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
