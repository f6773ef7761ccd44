package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.core.secret.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the advisor serves {@code /metrics}, {@code /healthz}, {@code /readyz} and its JSON API, and the token the
 * API asks for.
 *
 * @param apiToken when set, every {@code /api/v1/*} request must carry {@code Authorization: Bearer <token>}; the
 *     probes and {@code /metrics} stay open (Prometheus and the kubelet scrape them without credentials)
 */
public record HttpServerSettings(String bind, int port, Optional<Secret> apiToken) {

    /** Loopback only by default: the endpoints are for the local Prometheus and for people on the host. */
    public static final HttpServerSettings DEFAULTS = new HttpServerSettings("127.0.0.1", 9790, Optional.empty());

    public HttpServerSettings {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(apiToken, "apiToken");
    }
}
