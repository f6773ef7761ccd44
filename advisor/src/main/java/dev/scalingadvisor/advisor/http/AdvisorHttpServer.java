package dev.scalingadvisor.advisor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scalingadvisor.advisor.config.HttpServerSettings;
import dev.scalingadvisor.core.concurrent.DaemonThreads;
import dev.scalingadvisor.core.secret.Secret;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The advisor's HTTP endpoints: {@code /metrics} (Prometheus text or OpenMetrics, by content negotiation),
 * {@code /healthz} (alive), {@code /readyz} (ready to advise, with what holds the advisor back), the JSON API
 * the daemon registers and its read-only page at {@code /}. Anything else is 404; GET and HEAD everywhere, and
 * the methods an API endpoint names (pausing is a POST) on it; anything else is 405.
 */
public final class AdvisorHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdvisorHttpServer.class);
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();
    /**
     * How long a client may take to send its request line and headers. Without a limit the JDK server's worker
     * waits forever on a client that sent one byte, and a few such clients starve the probes.
     */
    static final Duration REQUEST_READ_TIMEOUT = Duration.ofSeconds(5);
    /** How long sending one response may take: a client that stops reading is cut off. */
    static final Duration RESPONSE_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Workers for requests being read or answered at once; past this, a new connection is closed at once (the JDK
     * server closes what its executor rejects) rather than queued behind slow clients.
     */
    static final int MAX_WORKERS = 16;

    static final String API_PREFIX = "/api/";
    static final String PAGE_PATH = "/";
    /**
     * The page is built on the server and needs nothing from elsewhere: no script runs, and a job name that
     * slipped through escaping still could not load or send anything.
     */
    static final String PAGE_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'";
    /** The longest request body the API reads: its requests are a few small JSON fields. */
    static final int MAX_REQUEST_BODY = 16 * 1024;

    static {
        // The JDK server reads these once, when its first instance is made; the advisor's is the first.
        System.setProperty(
                "sun.net.httpserver.maxReqTime",
                System.getProperty("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_READ_TIMEOUT.toSeconds())));
        System.setProperty(
                "sun.net.httpserver.maxRspTime",
                System.getProperty("sun.net.httpserver.maxRspTime", Long.toString(RESPONSE_WRITE_TIMEOUT.toSeconds())));
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicReference<ApiToken> apiToken;

    private AdvisorHttpServer(HttpServer server, ExecutorService executor, AtomicReference<ApiToken> apiToken) {
        this.server = server;
        this.executor = executor;
        this.apiToken = apiToken;
    }

    /**
     * @param stuckLimit how long one evaluation cycle may run before {@code /healthz} reports the daemon stuck
     * @param api        further GET endpoints by exact path, each producing a JSON body
     */
    public static AdvisorHttpServer start(
            HttpServerSettings settings,
            PrometheusRegistry registry,
            HealthProbe readiness,
            Supplier<Duration> stuckLimit,
            Map<String, JsonEndpoint> api)
            throws IOException {
        return start(settings, registry, readiness, stuckLimit, api, Optional.empty());
    }

    /**
     * @param page the HTML page at {@code /}, read-only; without one, {@code /} is 404
     */
    public static AdvisorHttpServer start(
            HttpServerSettings settings,
            PrometheusRegistry registry,
            HealthProbe readiness,
            Supplier<Duration> stuckLimit,
            Map<String, JsonEndpoint> api,
            Optional<Page> page)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 64);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                2, MAX_WORKERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), DaemonThreads.numbered("http"));
        server.setExecutor(executor);
        AtomicReference<ApiToken> token = new AtomicReference<>(new ApiToken(settings.apiToken()));
        Routes routes = new Routes(registry, readiness, stuckLimit, api, page);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            try {
                if (path.startsWith(API_PREFIX)
                        && !token.get().admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"scaling-advisor\"");
                    send(
                            exchange,
                            401,
                            "application/json",
                            "{\"error\":\"the API needs the token of http.apiToken as Authorization: Bearer <token>\"}");
                    return;
                }
                if (path.equals(PAGE_PATH)
                        && page.isPresent()
                        && !token.get().admitsPage(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    // A browser cannot send a bearer token: it asks for a password and sends it as Basic.
                    exchange.getResponseHeaders()
                            .set("WWW-Authenticate", "Basic realm=\"scaling-advisor\", charset=\"UTF-8\"");
                    send(
                            exchange,
                            401,
                            "text/plain",
                            "the page needs the token of http.apiToken: sign in with any user name and the token as"
                                    + " password\n");
                    return;
                }
                routes.answer(exchange, path);
            } catch (RuntimeException e) {
                // Without this the JDK server drops the connection and the client sees only "end of stream".
                LOG.error("{} {} failed: {}", exchange.getRequestMethod(), path, e.toString(), e);
                send(
                        exchange,
                        500,
                        "text/plain",
                        "internal error answering " + path + "; the advisor's log has the details\n");
            }
        });
        server.start();
        return new AdvisorHttpServer(server, executor, token);
    }

    /** What the server answers besides its token checks: the metrics, the probes, the API and the page. */
    private record Routes(
            PrometheusRegistry registry,
            HealthProbe readiness,
            Supplier<Duration> stuckLimit,
            Map<String, JsonEndpoint> api,
            Optional<Page> page) {

        void answer(HttpExchange exchange, String path) throws IOException {
            String method = exchange.getRequestMethod();
            boolean read = method.equals("GET") || method.equals("HEAD");
            if (!read && api.containsKey(path) && api.get(path).changeMethods().contains(method)) {
                Optional<String> body = body(exchange);
                if (body.isEmpty()) {
                    send(
                            exchange,
                            413,
                            "application/json",
                            "{\"error\":\"the request body is larger than " + MAX_REQUEST_BODY + " bytes\"}");
                    return;
                }
                JsonEndpoint.Response response = api.get(path).change(method, exchange.getRequestURI(), body.get());
                send(exchange, response.status(), "application/json", response.body());
            } else if (!read) {
                exchange.getResponseHeaders().set("Allow", allowed(api.get(path)));
                send(exchange, 405, "text/plain", path + " answers " + allowed(api.get(path)) + "\n");
            } else if (path.equals("/metrics")) {
                metrics(exchange, registry);
            } else if (path.equals("/healthz")) {
                Optional<String> stuck = readiness.stuckReason(stuckLimit.get());
                send(
                        exchange,
                        stuck.isEmpty() ? 200 : 503,
                        "text/plain",
                        stuck.map(r -> "stuck: " + r + "\n").orElse("ok\n"));
            } else if (path.equals("/readyz")) {
                Optional<String> notReady = readiness.notReadyReason();
                StringBuilder body =
                        new StringBuilder(notReady.map(r -> "not ready: " + r).orElse("ready")).append('\n');
                readiness.notes().forEach(note -> body.append(note).append('\n'));
                send(exchange, notReady.isEmpty() ? 200 : 503, "text/plain", body.toString());
            } else if (path.equals(PAGE_PATH) && page.isPresent()) {
                Page.Html html = page.get().render(exchange.getRequestURI());
                exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
                exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
                send(exchange, html.status(), "text/html", html.body());
            } else if (api.containsKey(path)) {
                JsonEndpoint.Response response = api.get(path).handle(exchange.getRequestURI());
                send(exchange, response.status(), "application/json", response.body());
            } else {
                send(
                        exchange,
                        404,
                        "text/plain",
                        "not found; try " + (page.isPresent() ? "/, " : "") + "/metrics, /healthz, /readyz"
                                + (api.isEmpty() ? "" : ", " + String.join(", ", api.keySet())) + "\n");
            }
        }
    }

    /** A reloaded configuration's API token, from the next request on (the address stays). */
    public void useApiToken(Optional<Secret> next) {
        apiToken.set(new ApiToken(next));
    }

    /** The bound address (the real port when the configuration asked for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void metrics(HttpExchange exchange, PrometheusRegistry registry) throws IOException {
        ExpositionFormatWriter writer =
                FORMATS.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        if (!writer.isAvailable()) {
            // Only the protobuf writer can be unavailable (its library is not bundled); text is always there.
            writer = FORMATS.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.write(body, registry.scrape());
        send(exchange, 200, writer.getContentType(), body.toByteArray());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(
                exchange,
                status,
                contentType.contains("charset") ? contentType : contentType + "; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static String allowed(JsonEndpoint endpoint) {
        Set<String> methods = new TreeSet<>(List.of("GET", "HEAD"));
        if (endpoint != null) {
            methods.addAll(endpoint.changeMethods());
        }
        return String.join(", ", methods);
    }

    /** The request's body, or empty when it is longer than {@link #MAX_REQUEST_BODY}. */
    private static Optional<String> body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_REQUEST_BODY + 1);
            return bytes.length > MAX_REQUEST_BODY
                    ? Optional.empty()
                    : Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** The daemon's HTML page: rendered for each GET, changes nothing. */
    @FunctionalInterface
    public interface Page {
        Html render(URI request);

        /** Status and a whole HTML document. */
        record Html(int status, String body) {}
    }

    /** A JSON endpoint of the advisor's API: read with GET, and changed with the methods it names. */
    @FunctionalInterface
    public interface JsonEndpoint {
        Response handle(URI request);

        /** The methods besides GET and HEAD it takes (POST, DELETE); none for a read-only endpoint. */
        default Set<String> changeMethods() {
            return Set.of();
        }

        /** A request with one of {@link #changeMethods()}; {@code body} is the request's body, maybe empty. */
        default Response change(String method, URI request, String body) {
            throw new UnsupportedOperationException(method + " on a read-only endpoint");
        }

        /** Status and JSON body. */
        record Response(int status, String body) {}
    }
}
