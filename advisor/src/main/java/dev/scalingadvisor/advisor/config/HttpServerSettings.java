package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.ValueParsers;
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
    public static final Option<HttpServerSettings, String> BIND = Option.of(
                    "bind",
                    HttpServerSettings::bind,
                    ValueParsers.text().describedAs("address to listen on"),
                    "127.0.0.1")
            .means("where /metrics, /healthz, /readyz and the JSON API are served; loopback only by default");

    public static final Option<HttpServerSettings, Integer> PORT =
            Option.integer("port", HttpServerSettings::port, 0, 65_535, 9790).means("TCP port; 0 picks a free one");

    public static final Option<HttpServerSettings, Optional<Secret>> API_TOKEN = Option.secret(
                    "apiToken", HttpServerSettings::apiToken, "none: the API is open to whoever reaches the port")
            .means(
                    "every `/api/v1/*` request must carry `Authorization: Bearer <token>`; the probes and `/metrics` stay"
                            + " open (Prometheus and the kubelet scrape them without credentials)");

    public static final Section<HttpServerSettings> SECTION = Section.of(
            "The advisor's own HTTP endpoints.",
            v -> new HttpServerSettings(v.get(BIND), v.get(PORT), v.get(API_TOKEN)),
            BIND,
            PORT,
            API_TOKEN);

    public static final HttpServerSettings DEFAULTS = SECTION.defaults();

    public HttpServerSettings {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(apiToken, "apiToken");
    }
}
