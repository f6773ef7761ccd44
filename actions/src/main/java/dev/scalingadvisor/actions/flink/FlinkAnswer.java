package dev.scalingadvisor.actions.flink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.core.text.Spelling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A JSON answer of Flink read field by field: a required field that is missing or of the wrong type is a
 * {@link FlinkRestException.MalformedResponse} naming the call and the field, never a null or a zero.
 *
 * @param call the REST call that answered, named in errors
 * @param path where {@code node} sits in the answer ({@code vertices[2].parallelism}), empty at its root
 */
record FlinkAnswer(String call, String path, JsonNode node) {

    static FlinkAnswer of(String call, JsonNode node) {
        return new FlinkAnswer(call, "", node);
    }

    String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(field, "a text");
        }
        return value.asText();
    }

    Optional<String> optionalText(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
    }

    int integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw malformed(field, "a whole number");
        }
        return value.asInt();
    }

    long longValue(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw malformed(field, "a whole number");
        }
        return value.asLong();
    }

    OptionalLong optionalLong(String field) {
        JsonNode value = node.get(field);
        return value == null || !value.canConvertToLong() ? OptionalLong.empty() : OptionalLong.of(value.asLong());
    }

    boolean bool(String field, boolean fallback) {
        JsonNode value = node.get(field);
        return value == null || !value.isBoolean() ? fallback : value.asBoolean();
    }

    /** An epoch-millisecond timestamp; Flink writes -1 or 0 for "not yet", which is an error here. */
    Instant instant(String field) {
        long millis = longValue(field);
        if (millis <= 0) {
            throw malformed(field, "a timestamp");
        }
        return Instant.ofEpochMilli(millis);
    }

    /** An epoch-millisecond timestamp that may be absent, -1 or 0 (Flink's "never"). */
    Optional<Instant> optionalInstant(String field) {
        OptionalLong millis = optionalLong(field);
        return millis.isPresent() && millis.getAsLong() > 0
                ? Optional.of(Instant.ofEpochMilli(millis.getAsLong()))
                : Optional.empty();
    }

    FlinkAnswer object(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw malformed(field, "an object");
        }
        return new FlinkAnswer(call, pathOf(field), value);
    }

    Optional<FlinkAnswer> optionalObject(String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isObject()
                ? Optional.empty()
                : Optional.of(new FlinkAnswer(call, pathOf(field), value));
    }

    List<FlinkAnswer> array(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw malformed(field, "a list");
        }
        List<FlinkAnswer> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(new FlinkAnswer(call, pathOf(field) + "[" + i + "]", value.get(i)));
        }
        return items;
    }

    /** An optional list: absent or null is empty. */
    List<FlinkAnswer> optionalArray(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? List.of() : array(field);
    }

    /** The fields of this object, for maps keyed by id such as resource requirements. */
    List<Map.Entry<String, FlinkAnswer>> fields() {
        if (!node.isObject()) {
            throw malformed(null, "an object");
        }
        List<Map.Entry<String, FlinkAnswer>> fields = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            fields.add(Map.entry(entry.getKey(), new FlinkAnswer(call, pathOf(entry.getKey()), entry.getValue())));
        }
        return fields;
    }

    /** A value a parser rejected, reported with its field. */
    FlinkRestException.MalformedResponse invalid(String field, String problem) {
        return new FlinkRestException.MalformedResponse(call, pathOf(field) + ": " + problem);
    }

    private FlinkRestException.MalformedResponse malformed(String field, String expected) {
        String where = field == null ? (path.isEmpty() ? "the body" : path) : pathOf(field);
        JsonNode value = field == null ? node : node.get(field);
        return new FlinkRestException.MalformedResponse(
                call,
                where + ": expected " + expected + ", got "
                        + (value == null ? "nothing" : Spelling.of(value.getNodeType())));
    }

    private String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
