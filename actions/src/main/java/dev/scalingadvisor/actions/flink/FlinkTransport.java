package dev.scalingadvisor.actions.flink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.core.http.HttpClientFactory;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link RestCall}s to one cluster through its circuit breaker and reads the answers inside it, turning
 * every way a call can fail into a {@link FlinkRestException} that names the call (never its credentials).
 */
final class FlinkTransport {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkTransport.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType JAR = MediaType.get("application/x-java-archive");

    private final FlinkClusterSettings cluster;
    private final OkHttpClient http;
    private final CircuitBreaker breaker;
    private final BiConsumer<String, String> requestCounter;
    private final String baseUrl;

    FlinkTransport(FlinkClusterSettings cluster, CircuitBreaker breaker, BiConsumer<String, String> requestCounter) {
        this.cluster = cluster;
        this.http = HttpClientFactory.forEndpoint(cluster.rest());
        this.breaker = breaker;
        this.requestCounter = requestCounter;
        String url = cluster.rest().url().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    <T> T read(RestCall call, AnswerReader<T> reader) {
        return read(call, Optional.empty(), reader);
    }

    /**
     * Sends one call through the cluster's circuit breaker and reads its answer inside it, so an unreadable
     * answer counts against the cluster like a failed call.
     */
    <T> T read(RestCall call, Optional<Duration> timeout, AnswerReader<T> reader) {
        String described = describe(call);
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, () -> {
            String text = send(call, described, timeout);
            try {
                T value = reader.read(FlinkAnswer.of(described, json(described, text)));
                requestCounter.accept(cluster.name().value(), "ok");
                return value;
            } catch (FlinkRestException.MalformedResponse e) {
                requestCounter.accept(cluster.name().value(), "malformed");
                throw e;
            } catch (IllegalArgumentException e) {
                requestCounter.accept(cluster.name().value(), "malformed");
                throw new FlinkRestException.MalformedResponse(described, e.getMessage());
            }
        });
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            requestCounter.accept(cluster.name().value(), "not_permitted");
            throw new FlinkRestException.CircuitOpen(described);
        }
    }

    /**
     * A call whose answer only matters as "accepted" (a 2xx): its body is not parsed, so an unreadable body
     * cannot make an accepted stop or PUT look failed.
     */
    void execute(RestCall call, Optional<Duration> timeout) {
        String described = describe(call);
        Supplier<String> guarded = CircuitBreaker.decorateSupplier(breaker, () -> {
            String text = send(call, described, timeout);
            requestCounter.accept(cluster.name().value(), "ok");
            return text;
        });
        try {
            guarded.get();
        } catch (CallNotPermittedException e) {
            requestCounter.accept(cluster.name().value(), "not_permitted");
            throw new FlinkRestException.CircuitOpen(described);
        }
    }

    private static JsonNode json(String described, String text) {
        if (text.isBlank()) {
            return FlinkJson.object();
        }
        try {
            return FlinkJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new FlinkRestException.MalformedResponse(described, "not JSON: " + abbreviate(text));
        }
    }

    /** The body of a successful answer; an error status is an {@link FlinkRestException.ErrorResponse}. */
    private String send(RestCall call, String described, Optional<Duration> timeout) {
        Request request = request(call, described);
        OkHttpClient client = timeout.map(t -> http.newBuilder()
                        .callTimeout(t)
                        .readTimeout(t)
                        .writeTimeout(t)
                        .build())
                .orElse(http);
        long started = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            LOG.debug(
                    "flink cluster={} call=\"{} {}\" status={} took_ms={}",
                    cluster.name(),
                    call.method(),
                    call.path(),
                    response.code(),
                    (System.nanoTime() - started) / 1_000_000);
            if (!response.isSuccessful()) {
                requestCounter.accept(cluster.name().value(), response.code() >= 500 ? "failed" : "refused");
                throw new FlinkRestException.ErrorResponse(described, response.code(), errors(text));
            }
            return text;
        } catch (IOException e) {
            requestCounter.accept(cluster.name().value(), "unreachable");
            throw new FlinkRestException.Unreachable(described, e);
        }
    }

    private Request request(RestCall call, String described) {
        HttpUrl url = HttpUrl.parse(baseUrl + call.path());
        if (url == null) {
            throw new IllegalArgumentException("not a URL: " + described);
        }
        RequestBody body = null;
        if (call.upload().isPresent()) {
            Path jar = call.upload().get();
            body = new MultipartBody.Builder()
                    .setType(MultipartBody.FORM)
                    .addFormDataPart("jarfile", jar.getFileName().toString(), RequestBody.create(jar.toFile(), JAR))
                    .build();
        } else if (call.jsonBody().isPresent()) {
            body = RequestBody.create(call.jsonBody().get(), JSON);
        } else if (!call.method().equals("GET")) {
            body = RequestBody.create(new byte[0], null);
        }
        return new Request.Builder()
                .url(url)
                .method(call.method(), body)
                .header("Accept", "application/json")
                .build();
    }

    /** Flink's error body is {@code {"errors": [...]}}; anything else (a proxy's page) is kept as one short message. */
    private static List<String> errors(String text) {
        List<String> errors = new ArrayList<>();
        try {
            JsonNode node = FlinkJson.MAPPER.readTree(text);
            if (node != null && node.path("errors").isArray()) {
                node.path("errors").forEach(e -> errors.add(e.asText()));
            }
        } catch (IOException e) {
            // not JSON: keep the text below
        }
        if (errors.isEmpty() && !text.isBlank()) {
            errors.add(abbreviate(text));
        }
        return errors;
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    String describe(RestCall call) {
        String path = call.path();
        int query = path.indexOf('?');
        return "flink cluster " + cluster.name() + ": " + call.method() + " "
                + (query < 0 ? path : path.substring(0, query));
    }

    /** Reads one answer into a record. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(FlinkAnswer answer);
    }
}
