package dev.scalingadvisor.rules.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.core.http.HttpClientFactory;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.secret.KnownSecrets;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Prometheus' HTTP API over OkHttp: instant and range queries, each answered by a typed
 * {@link QueryOutcome} (never an exception), behind one circuit breaker so that a struggling Prometheus
 * is not hammered by every rule of every cycle. Authentication and the CA come from the
 * {@link HttpEndpoint}; messages show the endpoint's display URL only, never credentials.
 */
public final class PrometheusClient implements Prometheus {

    private final HttpEndpoint endpoint;
    private final OkHttpClient http;
    private final HttpUrl base;
    private final CircuitBreaker breaker;
    private final CircuitBreakerSettings breakerSettings;
    private volatile String lastFailure = "none recorded";

    private PrometheusClient(
            HttpEndpoint endpoint, OkHttpClient http, CircuitBreakerSettings breakerSettings, Clock clock) {
        this.endpoint = endpoint;
        this.http = http;
        this.breakerSettings = breakerSettings;
        HttpUrl url = HttpUrl.get(endpoint.url());
        // Keep a path prefix (Prometheus behind a proxy at /prometheus) and resolve api/v1/... below it.
        this.base = url.newBuilder().query(null).fragment(null).build();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breakerSettings.window())
                .minimumNumberOfCalls(breakerSettings.minimumCalls())
                .failureRateThreshold(breakerSettings.failureRatePercent())
                .waitDurationInOpenState(breakerSettings.pause())
                .recordResult(result ->
                        result instanceof QueryOutcome.Failed f && f.failure().isPrometheusFault())
                .build();
        // The state machine with an explicit clock, so that tests can move time past the pause.
        this.breaker = new CircuitBreakerStateMachine("prometheus", config, clock);
    }

    public static PrometheusClient create(HttpEndpoint endpoint) {
        return create(endpoint, CircuitBreakerSettings.DEFAULTS, Clock.systemUTC());
    }

    public static PrometheusClient create(HttpEndpoint endpoint, CircuitBreakerSettings breakerSettings, Clock clock) {
        return new PrometheusClient(endpoint, HttpClientFactory.forEndpoint(endpoint), breakerSettings, clock);
    }

    @Override
    public QueryOutcome instant(String promql, Instant at) {
        FormBody form = new FormBody.Builder()
                .add("query", promql)
                .add("time", seconds(at))
                .add("timeout", seconds(endpoint.timeout()))
                .build();
        return call("query", form);
    }

    @Override
    public QueryOutcome range(String promql, Instant start, Instant end, Duration step) {
        FormBody form = new FormBody.Builder()
                .add("query", promql)
                .add("start", seconds(start))
                .add("end", seconds(end))
                .add("step", seconds(step))
                .add("timeout", seconds(endpoint.timeout()))
                .build();
        return call("query_range", form);
    }

    @Override
    public String displayName() {
        return endpoint.displayUrl();
    }

    /**
     * How long Prometheus keeps samples, as its {@code /api/v1/status/runtimeinfo} says; empty when it cannot be
     * asked or does not say (a server that is not Prometheus itself, a proxy that allows only queries). Not behind
     * the circuit breaker: it is asked once, by commands, not by every cycle.
     */
    public Optional<StorageRetention> retention() {
        HttpUrl url =
                base.newBuilder().addPathSegments("api/v1/status/runtimeinfo").build();
        try (Response response =
                http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful() || body == null) {
                return Optional.empty();
            }
            JsonNode retention =
                    Json.mapper().readTree(body.bytes()).path("data").path("storageRetention");
            return retention.isTextual() && !retention.asText().isBlank()
                    ? Optional.of(StorageRetention.parse(retention.asText()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the circuit breaker currently lets calls through; for the daemon's readiness and metrics. */
    public boolean isCircuitClosed() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    private QueryOutcome call(String api, FormBody form) {
        Supplier<QueryOutcome> guarded = CircuitBreaker.decorateSupplier(breaker, () -> post(api, form));
        try {
            QueryOutcome outcome = guarded.get();
            if (outcome instanceof QueryOutcome.Failed failed
                    && failed.failure().isPrometheusFault()) {
                lastFailure = failed.failure().describe();
            }
            return outcome;
        } catch (CallNotPermittedException e) {
            return new QueryOutcome.Failed(new QueryFailure.CircuitOpen(breakerSettings.pause(), lastFailure));
        }
    }

    private QueryOutcome post(String api, FormBody form) {
        HttpUrl url = base.newBuilder().addPathSegments("api/v1/" + api).build();
        Request request = new Request.Builder().url(url).post(form).build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body == null ? new byte[0] : body.bytes();
            return PrometheusAnswer.parse(response.code(), bytes);
        } catch (SocketTimeoutException e) {
            return failed(new QueryFailure.TimedOut(endpoint.timeout()));
        } catch (InterruptedIOException e) {
            // OkHttp's call timeout ("timeout") and a thread interrupt both land here.
            if (Thread.currentThread().isInterrupted()) {
                return failed(new QueryFailure.ConnectionFailed("interrupted"));
            }
            return failed(new QueryFailure.TimedOut(endpoint.timeout()));
        } catch (ConnectException e) {
            return failed(new QueryFailure.ConnectionFailed("connection to " + endpoint.displayUrl() + " refused"));
        } catch (UnknownHostException e) {
            return failed(new QueryFailure.ConnectionFailed("unknown host in " + endpoint.displayUrl()));
        } catch (SSLException e) {
            return failed(new QueryFailure.ConnectionFailed("TLS with " + endpoint.displayUrl() + " failed ("
                    + redacted(e) + "); check prometheus.tls.caFile"));
        } catch (IOException e) {
            return failed(new QueryFailure.ConnectionFailed("the connection to " + endpoint.displayUrl()
                    + " broke before the answer was complete (" + redacted(e) + ")"));
        }
    }

    private static QueryOutcome failed(QueryFailure failure) {
        return new QueryOutcome.Failed(failure);
    }

    private static String redacted(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return KnownSecrets.redact(message);
    }

    static String seconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3).toPlainString();
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).toPlainString();
    }
}
