package dev.scalingadvisor.alerting.notifier;

import dev.scalingadvisor.core.secret.KnownSecrets;
import dev.scalingadvisor.core.secret.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One HTTP POST to a receiver and its answer as a {@link DeliveryOutcome}: 2xx sent; timeouts, connection
 * errors, 408, 429 and 5xx worth another try (honouring {@code Retry-After}); any other status refused, with
 * the receiver's explanation. Reasons name the destination by scheme and host only.
 */
public final class HttpDelivery {

    /** Enough of a response body to explain a refusal in a log line. */
    static final int MAX_REASON_BODY = 300;

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String USER_AGENT = "flink-scaling-advisor";

    private final OkHttpClient client;
    private final HttpUrl url;
    private final Map<String, Secret> headers;
    private final String destination;
    private final Duration timeout;
    private final Clock clock;

    /** Posts to the notifier's own {@code url}, with its headers, timeout and shown destination. */
    public static HttpDelivery forNotifier(NotifierSettings settings, OkHttpClient client, Clock clock) {
        return forNotifier(settings, parseSecretUrl(settings.url().orElseThrow(), settings.name()), client, clock);
    }

    /** Posts to {@code url}, made from the notifier's own, with its headers, timeout and shown destination. */
    public static HttpDelivery forNotifier(NotifierSettings settings, HttpUrl url, OkHttpClient client, Clock clock) {
        return new HttpDelivery(
                client, url, settings.headers(), settings.timeout(), settings.displayDestination(), clock);
    }

    /**
     * @param url         where to post; holds secrets, so it is never shown
     * @param headers     the notifier's static headers (tokens), sent with every request
     * @param destination how to name the receiver in reasons: scheme and host, never the URL
     */
    public HttpDelivery(
            OkHttpClient base,
            HttpUrl url,
            Map<String, Secret> headers,
            Duration timeout,
            String destination,
            Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        this.headers = Map.copyOf(headers);
        this.destination = Objects.requireNonNull(destination, "destination");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = base.newBuilder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                // A redirect would carry the signed body and static headers to a host nobody configured.
                .followRedirects(false)
                .followSslRedirects(false)
                // Retries are the delivery stage's job, with backoff and a breaker; not OkHttp's.
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * A URL from configuration as OkHttp's type, with an error that does not repeat it (it holds a key).
     *
     * @throws IllegalArgumentException when OkHttp cannot use it
     */
    public static HttpUrl parseSecretUrl(Secret url, String notifierName) {
        HttpUrl parsed = HttpUrl.parse(url.reveal());
        if (parsed == null) {
            throw new IllegalArgumentException(
                    "notifier " + notifierName + ": the url is not a usable http(s) URL (value not shown)");
        }
        return parsed;
    }

    /** POSTs a JSON body with the static headers and {@code extraHeaders} (a signature, say). */
    public DeliveryOutcome postJson(String body, Map<String, String> extraHeaders) {
        Request.Builder request = new Request.Builder()
                .url(url)
                .post(RequestBody.create(body, JSON))
                .header("User-Agent", USER_AGENT);
        headers.forEach((name, value) -> request.header(name, value.reveal()));
        extraHeaders.forEach(request::header);
        return post(request.build());
    }

    private DeliveryOutcome post(Request request) {
        try (Response response = client.newCall(request).execute()) {
            int status = response.code();
            if (status >= 200 && status < 300) {
                return DeliveryOutcome.sent();
            }
            String reason = "HTTP " + status + " from " + destination + bodyExcerpt(response);
            if (status == 408 || status == 429 || status >= 500) {
                return new DeliveryOutcome.RetryAfter(
                        retryAfter(response.header("Retry-After"), clock.instant()), reason);
            }
            if (status >= 300 && status < 400) {
                return new DeliveryOutcome.Rejected(reason + " (a redirect, not followed: check the url)");
            }
            return new DeliveryOutcome.Rejected(reason);
        } catch (IOException e) {
            return DeliveryOutcome.retry(describe(e));
        }
    }

    private String describe(IOException e) {
        if (e instanceof InterruptedIOException) {
            // OkHttp's call timeout and a cancelled call both end up here.
            return "no answer from " + destination + " within " + formatTimeout() + " (" + safeMessage(e) + ")";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + destination + ": " + safeMessage(e);
        }
        if (e instanceof UnknownHostException) {
            return "unknown host in " + destination;
        }
        if (e instanceof SSLException) {
            return "TLS failure talking to " + destination + ": " + safeMessage(e);
        }
        return e.getClass().getSimpleName() + " talking to " + destination + ": " + safeMessage(e);
    }

    private String formatTimeout() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private static String safeMessage(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : KnownSecrets.redact(e.getMessage());
    }

    private static String bodyExcerpt(Response response) {
        try {
            String body =
                    response.peekBody(4 * MAX_REASON_BODY).string().strip().replaceAll("\\s+", " ");
            if (body.isEmpty()) {
                return "";
            }
            if (body.length() > MAX_REASON_BODY) {
                body = body.substring(0, MAX_REASON_BODY) + "…";
            }
            return ": " + KnownSecrets.redact(body);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * {@code Retry-After} as seconds or as an HTTP date (RFC 9110 allows both); empty when absent or
     * unreadable, so the usual backoff applies.
     */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
