package dev.scalingadvisor.testbed.e2e.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A local receiver for the advisor's generic webhook notifier: an HTTP server on a free 127.0.0.1 port that
 * records every request (headers and body), checks its Standard Webhooks signature independently of the
 * advisor, answers 204 when it is valid and 401 when it is not, and hands each request to a listener (the
 * demo prints a {@link NotificationLine}).
 *
 * <pre>{@code
 * try (WebhookSink sink = WebhookSink.start(StandardWebhooks.newSecret(), webhook -> {})) {
 *     config = config.withWebhookNotifier("sink", sink.url(), sink.secret());
 *     ReceivedWebhook first = sink.await(w -> w.type().equals(Optional.of("rescale-succeeded")), Duration.ofMinutes(3), "a rescale");
 * }
 * }</pre>
 */
public final class WebhookSink implements AutoCloseable {

    public static final String PATH = "/webhook";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final Clock clock;
    private final Consumer<ReceivedWebhook> listener;
    private final List<ReceivedWebhook> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor;

    private WebhookSink(String secret, Clock clock, Consumer<ReceivedWebhook> listener) throws IOException {
        this.secret = secret;
        this.clock = clock;
        this.listener = listener;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-sink");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a sink that verifies signatures with {@code secret} ({@code whsec_…}) and records what it receives. */
    public static WebhookSink start(String secret) {
        return start(secret, webhook -> {});
    }

    /** As {@link #start(String)}, also calling {@code listener} for each request (on the sink's thread). */
    public static WebhookSink start(String secret, Consumer<ReceivedWebhook> listener) {
        return start(secret, listener, Clock.systemUTC());
    }

    /** As {@link #start(String, Consumer)}, judging signature timestamps by {@code clock}. */
    public static WebhookSink start(String secret, Consumer<ReceivedWebhook> listener, Clock clock) {
        StandardWebhooks.requireValidSecret(secret);
        try {
            return new WebhookSink(secret, clock, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the webhook sink on 127.0.0.1", e);
        }
    }

    /** The URL to configure as the notifier's {@code url}, e.g. {@code http://127.0.0.1:40123/webhook}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + PATH;
    }

    public String secret() {
        return secret;
    }

    /** Every request received so far, oldest first. */
    public List<ReceivedWebhook> received() {
        return List.copyOf(received);
    }

    /** Waits for a received request that passes {@code test}; on timeout fails listing what was received. */
    public ReceivedWebhook await(Predicate<ReceivedWebhook> test, Duration timeout, String expectation) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (ReceivedWebhook webhook : received) {
                if (test.test(webhook)) {
                    return webhook;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the webhook sink " + url() + " received no " + expectation + " within "
                        + timeout.toSeconds() + " s; it received " + received.size() + ":\n"
                        + String.join(
                                "\n",
                                received.stream().map(NotificationLine::format).toList()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + expectation, e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            StandardWebhooks.SignatureCheck check = StandardWebhooks.verify(
                    secret,
                    first(headers, "webhook-id"),
                    first(headers, "webhook-timestamp"),
                    first(headers, "webhook-signature"),
                    body,
                    clock.instant());
            ReceivedWebhook webhook = new ReceivedWebhook(
                    clock.instant(),
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    headers,
                    body,
                    parse(body),
                    check);
            received.add(webhook);
            notifyListener(webhook);
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, "a webhook is a POST\n");
            } else if (check != StandardWebhooks.SignatureCheck.VALID) {
                respond(exchange, 401, "signature check failed: " + check + "\n");
            } else {
                respond(exchange, 204, "");
            }
        }
    }

    private void notifyListener(ReceivedWebhook webhook) {
        try {
            listener.accept(webhook);
        } catch (RuntimeException e) {
            // The sender must still get an answer; the listener's failure is the test's (or demo's) to see.
            System.err.println("[e2e] webhook sink listener failed on " + webhook + ": " + e);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public String toString() {
        return "WebhookSink[" + url() + ", " + received.size() + " received]";
    }
}
