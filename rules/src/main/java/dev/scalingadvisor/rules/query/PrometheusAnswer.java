package dev.scalingadvisor.rules.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.scalingadvisor.core.secret.KnownSecrets;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Reads one HTTP answer of Prometheus' query API into a {@link QueryOutcome}: the result in its shape,
 * {@code status: error} with its {@code errorType}, or why the answer cannot be read. Vectors and matrices
 * are streamed (an answer for a thousand jobs' vertices holds tens of thousands of series); fields may
 * come in any order.
 */
final class PrometheusAnswer {

    /** Year 9999 in Unix seconds: no sample of a real Prometheus is later; past it a time is garbage. */
    private static final BigDecimal LATEST_SAMPLE_SECONDS = BigDecimal.valueOf(253_402_300_799L);

    private static final long LATEST_SAMPLE_MILLIS = 253_402_300_799_000L;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final int EXCERPT_LENGTH = 200;

    private PrometheusAnswer() {}

    /** The top-level fields, as read. */
    private static final class Envelope {
        String status;
        String errorType;
        String error;
        final List<String> warnings = new ArrayList<>();
        QueryResult result;
        String dataProblem;
    }

    static QueryOutcome parse(int httpStatus, byte[] body) {
        Envelope envelope;
        try (JsonParser parser = FACTORY.createParser(body)) {
            envelope = envelope(parser);
        } catch (JsonEOFException e) {
            return malformedOrHttp(httpStatus, body, "the JSON ends early (truncated after " + body.length + " bytes)");
        } catch (JsonParseException e) {
            return malformedOrHttp(httpStatus, body, "not JSON (" + excerpt(body) + ")");
        } catch (IOException e) {
            return malformedOrHttp(
                    httpStatus, body, "unreadable: " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            return malformedOrHttp(httpStatus, body, e.getMessage());
        }
        if (envelope == null || envelope.status == null) {
            return malformedOrHttp(httpStatus, body, "no \"status\" field (" + excerpt(body) + ")");
        }
        if (envelope.status.equals("error")) {
            return failed(new QueryFailure.Rejected(
                    envelope.errorType == null ? "unknown" : envelope.errorType,
                    KnownSecrets.redact(envelope.error == null ? "(no message)" : envelope.error),
                    httpStatus));
        }
        if (!envelope.status.equals("success")) {
            return malformed("unknown status \"" + envelope.status + "\"");
        }
        if (httpStatus < 200 || httpStatus > 299) {
            return failed(new QueryFailure.HttpError(httpStatus, excerpt(body)));
        }
        if (envelope.result == null) {
            return malformed(
                    envelope.dataProblem != null ? envelope.dataProblem : "no \"data\" object in a successful answer");
        }
        return new QueryOutcome.Answered(envelope.result, envelope.warnings);
    }

    /** Null when the document is not an object. */
    private static Envelope envelope(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Envelope envelope = new Envelope();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "status" -> envelope.status = parser.getValueAsString();
                case "errorType" -> envelope.errorType = parser.getValueAsString();
                case "error" -> envelope.error = parser.getValueAsString();
                case "warnings" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            envelope.warnings.add(parser.getValueAsString());
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                case "data" -> {
                    if (value == JsonToken.START_OBJECT) {
                        data(parser, envelope);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return envelope;
    }

    private static void data(JsonParser parser, Envelope envelope) throws IOException {
        String type = null;
        JsonNode bufferedResult = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("resultType")) {
                type = parser.getValueAsString();
            } else if (field.equals("result") && ("vector".equals(type) || "matrix".equals(type))) {
                envelope.result = "vector".equals(type)
                        ? new QueryResult.Vector(streamVector(parser))
                        : new QueryResult.Matrix(streamMatrix(parser));
            } else if (field.equals("result")) {
                // resultType not seen yet, or a small shape: read the tree and decide once both are known.
                bufferedResult = JSON.readTree(parser);
            } else {
                parser.skipChildren();
            }
        }
        if (envelope.result == null) {
            if (type == null || bufferedResult == null) {
                envelope.dataProblem = "a successful answer without resultType and result";
                return;
            }
            envelope.result = ResultTree.read(type, bufferedResult);
        }
    }

    private static List<InstantSeries> streamVector(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_ARRAY, "the vector result is not a list");
        List<InstantSeries> series = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            SeriesLabels labels = null;
            Sample sample = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("metric")) {
                    labels = streamLabels(parser);
                } else if (field.equals("value")) {
                    sample = streamSample(parser);
                } else {
                    parser.skipChildren(); // a native histogram: not a number any rule can compare
                }
            }
            if (labels == null) {
                throw new IllegalArgumentException("a series without a \"metric\" object");
            }
            if (sample != null) {
                series.add(new InstantSeries(labels, sample));
            }
        }
        return series;
    }

    private static List<RangeSeries> streamMatrix(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_ARRAY, "the matrix result is not a list");
        List<RangeSeries> series = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            SeriesLabels labels = null;
            RangeSeries.Builder samples = new RangeSeries.Builder();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("metric")) {
                    labels = streamLabels(parser);
                } else if (field.equals("values")) {
                    expect(parser, JsonToken.START_ARRAY, "a series' values are not a list");
                    while (parser.nextToken() == JsonToken.START_ARRAY) {
                        long at = streamMillis(parser);
                        samples.add(at, streamValue(parser));
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (labels == null) {
                throw new IllegalArgumentException("a series without a \"metric\" object");
            }
            series.add(samples.build(labels));
        }
        return series;
    }

    private static SeriesLabels streamLabels(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_OBJECT, "a series without a \"metric\" object");
        HashMap<String, String> labels = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("the label " + name + " is not a string");
            }
            labels.put(name, parser.getText());
        }
        return SeriesLabels.owning(labels);
    }

    private static Sample streamSample(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_ARRAY, "a sample is not [time, \"value\"]");
        return streamSampleBody(parser);
    }

    /** After the opening bracket of {@code [1712345678.123, "42"]}. */
    private static Sample streamSampleBody(JsonParser parser) throws IOException {
        long millis = streamMillis(parser);
        return new Sample(Instant.ofEpochMilli(millis), streamValue(parser));
    }

    /** The time of a sample, after its opening bracket. */
    private static long streamMillis(JsonParser parser) throws IOException {
        JsonToken time = parser.nextToken();
        if (time != JsonToken.VALUE_NUMBER_INT && time != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new IllegalArgumentException("a sample time is not a number: " + parser.getText());
        }
        long millis = plainMillis(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        if (millis < 0) {
            BigDecimal seconds = parser.getDecimalValue();
            // Checked before any arithmetic: longValue() of 1e999999999 would first build a billion-digit integer.
            if (seconds.abs().compareTo(LATEST_SAMPLE_SECONDS) > 0) {
                throw new IllegalArgumentException("a sample time is out of range: "
                        + parser.getText()
                                .substring(0, Math.min(40, parser.getText().length())));
            }
            millis = seconds.movePointRight(3).longValue();
        }
        return millis;
    }

    /** The value of a sample and its closing bracket, after its time. */
    private static double streamValue(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("a sample is not [time, \"value\"]: its value is " + parser.getText());
        }
        // Read from the parser's buffer: a String for each of a replay's hundred million values was garbage.
        double value = ResultTree.value(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        if (parser.nextToken() != JsonToken.END_ARRAY) {
            throw new IllegalArgumentException("a sample is not [time, \"value\"]: more than two elements");
        }
        return value;
    }

    /**
     * A time as Prometheus writes it (Unix seconds, at most three decimals, not past {@link #LATEST_SAMPLE_SECONDS})
     * in milliseconds, read without a {@link BigDecimal}: a replay reads millions. -1 for any other number, which
     * the caller reads the general way.
     */
    private static long plainMillis(char[] text, int offset, int length) {
        long millis = 0;
        int integerDigits = 0;
        int decimals = -1;
        for (int i = offset; i < offset + length; i++) {
            char c = text[i];
            if (c == '.' && decimals < 0) {
                decimals = 0;
            } else if (c >= '0' && c <= '9' && decimals < 3 && (decimals >= 0 || integerDigits < 12)) {
                millis = millis * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                } else {
                    integerDigits++;
                }
            } else {
                return -1;
            }
        }
        if (integerDigits == 0 || decimals == 0) {
            return -1;
        }
        for (int d = Math.max(decimals, 0); d < 3; d++) {
            millis *= 10;
        }
        return millis <= LATEST_SAMPLE_MILLIS ? millis : -1;
    }

    private static void expect(JsonParser parser, JsonToken token, String problem) {
        if (parser.currentToken() != token) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static QueryOutcome malformedOrHttp(int httpStatus, byte[] body, String reason) {
        if (httpStatus < 200 || httpStatus > 299) {
            return failed(new QueryFailure.HttpError(httpStatus, excerpt(body)));
        }
        return malformed(reason);
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
                .replaceAll("\\s+", " ")
                .trim();
        if (text.length() > EXCERPT_LENGTH) {
            text = text.substring(0, EXCERPT_LENGTH) + "…";
        }
        return text.isEmpty() ? "empty body" : KnownSecrets.redact(text);
    }
}
