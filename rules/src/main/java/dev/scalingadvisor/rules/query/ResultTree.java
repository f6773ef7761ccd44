package dev.scalingadvisor.rules.query;

import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a query result held as a JSON tree: scalars, strings, and the rare answer whose {@code result}
 * comes before its {@code resultType} (vectors and matrices are otherwise streamed).
 */
final class ResultTree {

    private ResultTree() {}

    /** Shapes read from a buffered tree: scalars, strings, and results that came before their resultType. */
    static QueryResult read(String type, JsonNode result) {
        return switch (type) {
            case "vector" -> new QueryResult.Vector(treeVector(array(result, "vector")));
            case "matrix" -> new QueryResult.Matrix(treeMatrix(array(result, "matrix")));
            case "scalar" -> new QueryResult.Scalar(treeSample(result));
            case "string" ->
                new QueryResult.Text(time(result.path(0)), result.path(1).asText());
            default -> throw new IllegalArgumentException("unknown resultType \"" + type + "\"");
        };
    }

    private static JsonNode array(JsonNode node, String type) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("the " + type + " result is not a list");
        }
        return node;
    }

    private static List<InstantSeries> treeVector(JsonNode result) {
        List<InstantSeries> series = new ArrayList<>(result.size());
        for (JsonNode one : result) {
            JsonNode value = one.get("value");
            if (value != null) {
                series.add(new InstantSeries(treeLabels(one.path("metric")), treeSample(value)));
            }
        }
        return series;
    }

    private static List<RangeSeries> treeMatrix(JsonNode result) {
        List<RangeSeries> series = new ArrayList<>(result.size());
        for (JsonNode one : result) {
            List<Sample> samples = new ArrayList<>();
            for (JsonNode value : one.path("values")) {
                samples.add(treeSample(value));
            }
            series.add(new RangeSeries(treeLabels(one.path("metric")), samples));
        }
        return series;
    }

    private static SeriesLabels treeLabels(JsonNode metric) {
        if (!metric.isObject()) {
            throw new IllegalArgumentException("a series without a \"metric\" object");
        }
        Map<String, String> labels = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = metric.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
        }
        return SeriesLabels.of(labels);
    }

    private static Sample treeSample(JsonNode pair) {
        if (!pair.isArray()
                || pair.size() != 2
                || !pair.get(0).isNumber()
                || !pair.get(1).isTextual()) {
            throw new IllegalArgumentException("a sample is not [time, \"value\"]: " + pair);
        }
        return new Sample(time(pair.get(0)), value(pair.get(1).asText()));
    }

    private static Instant time(JsonNode seconds) {
        if (!seconds.isNumber()) {
            throw new IllegalArgumentException("a sample time is not a number: " + seconds);
        }
        BigDecimal value = seconds.decimalValue();
        return Instant.ofEpochMilli(value.movePointRight(3).longValue());
    }

    static double value(String text) {
        // Only Prometheus' words end in N or f: a number is read without the hash a switch on its text computes.
        if (text.endsWith("N") || text.endsWith("f")) {
            return switch (text) {
                case "NaN" -> Double.NaN;
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> number(text);
            };
        }
        return number(text);
    }

    /** {@link #value(String)} of the characters {@code text[offset, offset + length)}. */
    static double value(char[] text, int offset, int length) {
        char last = length > 0 ? text[offset + length - 1] : ' ';
        if (last == 'N' || last == 'f' || length == 0) {
            return value(new String(text, offset, length));
        }
        try {
            return NumberInput.parseDouble(text, offset, length, true);
        } catch (NumberFormatException e) {
            throw notANumber(new String(text, offset, length));
        }
    }

    private static double number(String text) {
        try {
            // Jackson's bundled FastDoubleParser: the JDK's syntax and rounding, in a fraction of its time (a replay
            // reads millions of values).
            return NumberInput.parseDouble(text, true);
        } catch (NumberFormatException e) {
            throw notANumber(text);
        }
    }

    private static IllegalArgumentException notANumber(String text) {
        return new IllegalArgumentException("a sample value is not a number: \"" + text + "\"");
    }
}
