package dev.scalingadvisor.testbed.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalingadvisor.testbed.process.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The few Prometheus HTTP API calls the testbed's own tests need (instant and range queries); the product's
 * Prometheus client lives in the rules module.
 */
public final class PrometheusQueries {

    private static final Duration POLL_PAUSE = Duration.ofMillis(500);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(30))
            .build();

    private final String baseUrl;

    public PrometheusQueries(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code GET /api/v1/query}: the value of every series {@code promql} selects now. */
    public List<InstantSample> instant(String promql) {
        JsonNode data = get(url("query").addQueryParameter("query", promql).build());
        requireType(data, "vector", promql);
        List<InstantSample> samples = new ArrayList<>();
        for (JsonNode series : data.get("result")) {
            Sample sample = sample(series.get("value"));
            samples.add(new InstantSample(labels(series.get("metric")), sample.at(), sample.value()));
        }
        return samples;
    }

    /** {@code GET /api/v1/query_range} from {@code start} to {@code end} every {@code step}. */
    public List<RangeSeries> range(String promql, Instant start, Instant end, Duration step) {
        HttpUrl url = url("query_range")
                .addQueryParameter("query", promql)
                .addQueryParameter("start", seconds(start))
                .addQueryParameter("end", seconds(end))
                .addQueryParameter("step", seconds(step))
                .build();
        JsonNode data = get(url);
        requireType(data, "matrix", promql);
        List<RangeSeries> result = new ArrayList<>();
        for (JsonNode series : data.get("result")) {
            List<Sample> samples = new ArrayList<>();
            for (JsonNode value : series.get("values")) {
                samples.add(sample(value));
            }
            result.add(new RangeSeries(labels(series.get("metric")), samples));
        }
        return result;
    }

    /**
     * Polls an instant query until its answer passes {@code test}; on timeout fails with the last answer,
     * because "metric never appeared" and "metric had the wrong value" need different fixes.
     */
    public List<InstantSample> await(
            String promql, Duration timeout, Predicate<List<InstantSample>> test, String expectation) {
        Instant deadline = Instant.now().plus(timeout);
        List<InstantSample> last = List.of();
        RuntimeException lastError = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = instant(promql);
                lastError = null;
                if (test.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            Waits.sleep(POLL_PAUSE);
        }
        throw new AssertionError("Prometheus at " + baseUrl + ": " + promql + " did not show " + expectation
                + " within " + timeout.toSeconds() + " s; last answer: " + (lastError != null ? lastError : last));
    }

    /** Polls until {@code promql} returns at least one series. */
    public List<InstantSample> awaitAny(String promql, Duration timeout) {
        return await(promql, timeout, samples -> !samples.isEmpty(), "any series");
    }

    private HttpUrl.Builder url(String endpoint) {
        return HttpUrl.get(baseUrl).newBuilder().addPathSegments("api/v1/" + endpoint);
    }

    private JsonNode get(HttpUrl url) {
        try (Response response =
                CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new IllegalStateException("Prometheus answered " + response.code() + " to " + url + ": " + body);
            }
            return JSON.readTree(body).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException("Prometheus at " + baseUrl + " did not answer " + url, e);
        }
    }

    private static void requireType(JsonNode data, String type, String promql) {
        if (!type.equals(data.path("resultType").asText())) {
            throw new IllegalArgumentException(
                    promql + " returned a " + data.path("resultType").asText() + ", not a " + type);
        }
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        metric.fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static Sample sample(JsonNode pair) {
        BigDecimal seconds = pair.get(0).decimalValue();
        Instant at = Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        return new Sample(at, parseValue(pair.get(1).asText()));
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String seconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3).toPlainString();
    }

    private static String seconds(Duration step) {
        return BigDecimal.valueOf(step.toMillis()).movePointLeft(3).toPlainString();
    }
}
