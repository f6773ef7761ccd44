package dev.scalingadvisor.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a configuration value looks like to a JSON Schema, for editors: the fragment a key's value is checked
 * against. A value the reader takes from the environment ({@code ${VAR}}) is text in the file, so numbers, whole
 * numbers, flags and durations also accept text that holds {@code ${}; the reader checks it once replaced.
 */
public final class ValueSchema {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Text the reader replaces from the environment: {@code ${PORT}}. */
    private static final String INTERPOLATED = "\\$\\{";

    private ValueSchema() {}

    /** The definitions the fragments refer to, for the schema's {@code $defs}. */
    public static ObjectNode definitions() {
        ObjectNode definitions = NODES.objectNode();
        ObjectNode duration = definitions.putObject("duration");
        duration.put("type", "string");
        duration.put("pattern", "^(([0-9]+(ms|s|m|h|d|w|y))+|.*\\$\\{.*)$");
        duration.put("description", "a Prometheus duration: 30s, 5m, 1h30m");
        return definitions;
    }

    public static ObjectNode text() {
        return NODES.objectNode().put("type", "string");
    }

    /** A whole number from {@code min} to {@code max}. */
    public static ObjectNode integer(int min, int max) {
        ObjectNode schema = orInterpolated("integer");
        schema.put("minimum", min);
        schema.put("maximum", max);
        return schema;
    }

    /** A number from {@code min} to {@code max}; unbounded where a bound is {@code ±Double.MAX_VALUE}. */
    public static ObjectNode number(double min, double max) {
        ObjectNode schema = orInterpolated("number");
        if (min != -Double.MAX_VALUE) {
            schema.put("minimum", min);
        }
        if (max != Double.MAX_VALUE) {
            schema.put("maximum", max);
        }
        return schema;
    }

    public static ObjectNode bool() {
        return orInterpolated("boolean");
    }

    /** A duration (its bounds are the reader's: JSON Schema cannot compare {@code 90s} with {@code 1m}). */
    public static ObjectNode duration() {
        return NODES.objectNode().put("$ref", "#/$defs/duration");
    }

    /** One of these spellings. */
    public static ObjectNode oneOf(List<String> spellings) {
        ObjectNode schema = NODES.objectNode();
        spellings.forEach(schema.putArray("enum")::add);
        return schema;
    }

    /** A list of {@code element}s; a single one is taken as a list of one. */
    public static ObjectNode list(ObjectNode element) {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.set("items", element.deepCopy());
        ObjectNode schema = NODES.objectNode();
        schema.putArray("anyOf").add(element.deepCopy()).add(array);
        return schema;
    }

    /** A mapping of names to {@code value}s. */
    public static ObjectNode mapping(ObjectNode value) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.set("additionalProperties", value.deepCopy());
        return schema;
    }

    /** A value as it is written in the file ({@code format}'s text), as JSON of the fragment's type. */
    public static JsonNode value(ObjectNode schema, String written) {
        String type = schema.path("type").path(0).asText(schema.path("type").asText());
        return switch (type) {
            case "integer" -> NODES.numberNode(Long.parseLong(written));
            case "number" -> NODES.numberNode(Double.parseDouble(written));
            case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(written));
            default -> NODES.textNode(written);
        };
    }

    /** A value of {@code type}, or text that the reader replaces from the environment. */
    private static ObjectNode orInterpolated(String type) {
        ObjectNode schema = NODES.objectNode();
        schema.putArray("type").add(type).add("string");
        schema.put("pattern", INTERPOLATED);
        return schema;
    }
}
