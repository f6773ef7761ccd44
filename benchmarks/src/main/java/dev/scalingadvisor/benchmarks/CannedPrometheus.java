package dev.scalingadvisor.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 that answers Prometheus' query API with pre-rendered JSON per query text, so
 * a benchmark measures the advisor (HTTP, JSON, grouping, state machines) and not PromQL evaluation.
 */
final class CannedPrometheus implements AutoCloseable {

    private static final byte[] EMPTY = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    CannedPrometheus() {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/api/v1/query", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = answers.getOrDefault(query(form), EMPTY);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    void answer(String query, String json) {
        answers.put(query, json.getBytes(StandardCharsets.UTF_8));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String query(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("query=")) {
                return URLDecoder.decode(pair.substring("query=".length()), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
