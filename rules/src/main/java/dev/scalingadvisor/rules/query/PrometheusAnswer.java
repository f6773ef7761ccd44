package dev.scalingadvisor.rules.query;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.scalingadvisor.rules.secret.KnownSecrets;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads one HTTP answer of Prometheus' query API into a {@link QueryOutcome}: the result in its shape,
 * {@code status: error} with its {@code errorType}, or why the answer cannot be read.
 */
final class PrometheusAnswer {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int EXCERPT_LENGTH = 200;

    private PrometheusAnswer() {
    }

    static QueryOutcome parse(int httpStatus, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonEOFException e) {
            return malformedOrHttp(httpStatus, body, "the JSON ends early (truncated after " + body.length + " bytes)");
        } catch (JsonParseException e) {
            return malformedOrHttp(httpStatus, body, "not JSON (" + excerpt(body) + ")");
        } catch (IOException e) {
            return malformedOrHttp(httpStatus, body, "unreadable: " + e.getClass().getSimpleName());
        }
        if (root == null || root.isMissingNode() || !root.isObject() || !root.has("status")) {
            return malformedOrHttp(httpStatus, body, "no \"status\" field (" + excerpt(body) + ")");
        }
        String status = root.path("status").asText();
        if (status.equals("error")) {
            return failed(new QueryFailure.Rejected(root.path("errorType").asText("unknown"),
                    KnownSecrets.redact(root.path("error").asText("(no message)")), httpStatus));
        }
        if (!status.equals("success")) {
            return malformed("unknown status \"" + status + "\"");
        }
        if (httpStatus < 200 || httpStatus > 299) {
            return failed(new QueryFailure.HttpError(httpStatus, excerpt(body)));
        }
        try {
            QueryResult result = result(root.path("data"));
            return new QueryOutcome.Answered(result, warnings(root));
        } catch (IllegalArgumentException e) {
            return malformed(e.getMessage());
        }
    }

    private static QueryOutcome malformedOrHttp(int httpStatus, byte[] body, String reason) {
        if (httpStatus < 200 || httpStatus > 299) {
            return failed(new QueryFailure.HttpError(httpStatus, excerpt(body)));
        }
        return malformed(reason);
    }

    private static QueryResult result(JsonNode data) {
        if (!data.isObject()) {
            throw new IllegalArgumentException("no \"data\" object in a successful answer");
        }
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        return switch (type) {
            case "vector" -> new QueryResult.Vector(vector(array(result, "vector")));
            case "matrix" -> new QueryResult.Matrix(matrix(array(result, "matrix")));
            case "scalar" -> new QueryResult.Scalar(sample(result));
            case "string" -> new QueryResult.Text(time(result.path(0)), result.path(1).asText());
            default -> throw new IllegalArgumentException("unknown resultType \"" + type + "\"");
        };
    }

    private static JsonNode array(JsonNode node, String type) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("the " + type + " result is not a list");
        }
        return node;
    }

    private static List<InstantSeries> vector(JsonNode result) {
        List<InstantSeries> series = new ArrayList<>(result.size());
        for (JsonNode one : result) {
            JsonNode value = one.get("value");
            if (value == null) {
                // A native histogram sample ("histogram"): not a number any rule can compare.
                continue;
            }
            series.add(new InstantSeries(labels(one.path("metric")), sample(value)));
        }
        return series;
    }

    private static List<RangeSeries> matrix(JsonNode result) {
        List<RangeSeries> series = new ArrayList<>(result.size());
        for (JsonNode one : result) {
            JsonNode values = one.path("values");
            List<Sample> samples = new ArrayList<>(values.size());
            for (JsonNode value : values) {
                samples.add(sample(value));
            }
            series.add(new RangeSeries(labels(one.path("metric")), samples));
        }
        return series;
    }

    private static SeriesLabels labels(JsonNode metric) {
        if (!metric.isObject()) {
            throw new IllegalArgumentException("a series without a \"metric\" object");
        }
        Map<String, String> labels = new HashMap<>(metric.size() * 2);
        Iterator<Map.Entry<String, JsonNode>> fields = metric.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            labels.put(field.getKey(), field.getValue().asText());
        }
        return SeriesLabels.of(labels);
    }

    /** {@code [1712345678.123, "42"]}: seconds as a JSON number, the value as a string (NaN, +Inf, -Inf allowed). */
    private static Sample sample(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isTextual()) {
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
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("a sample value is not a number: \"" + text + "\"");
                }
        }
    }

    private static List<String> warnings(JsonNode root) {
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        return warnings;
    }

    private static QueryOutcome malformed(String reason) {
        return failed(new QueryFailure.Malformed(reason));
    }

    private static QueryOutcome failed(QueryFailure failure) {
        return new QueryOutcome.Failed(failure);
    }

    /** The start of a body for a message: one line, short, with known secrets scrubbed. */
    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT_LENGTH * 2), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        if (text.length() > EXCERPT_LENGTH) {
            text = text.substring(0, EXCERPT_LENGTH) + "…";
        }
        return text.isEmpty() ? "empty body" : KnownSecrets.redact(text);
    }
}
