package dev.scalingadvisor.advisor.config;

import java.util.Objects;

/** Where the advisor serves {@code /metrics}, {@code /healthz}, {@code /readyz} and its decision history. */
public record HttpServerSettings(String bind, int port) {

    /** Loopback only by default: the endpoints are for the local Prometheus and for people on the host. */
    public static final HttpServerSettings DEFAULTS = new HttpServerSettings("127.0.0.1", 9790);

    public HttpServerSettings {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
