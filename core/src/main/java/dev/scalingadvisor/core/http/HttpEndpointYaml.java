package dev.scalingadvisor.core.http;

import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the fields every HTTP endpoint section shares: {@code <urlKey>}, {@code timeout},
 * {@code auth} ({@code bearer: {token | tokenFile}} or {@code basic: {username, password | passwordFile}})
 * and {@code tls.caFile}.
 */
public final class HttpEndpointYaml {

    private HttpEndpointYaml() {}

    /** Reads the endpoint fields from {@code section}; the caller still calls {@code finish()} on it. */
    public static Optional<HttpEndpoint> read(MappingReader section, String urlKey, Duration defaultTimeout) {
        Optional<URI> url = section.required(urlKey, ValueParsers.httpUrl());
        Duration timeout = section.optional(
                "timeout", ValueParsers.duration(Duration.ofMillis(100), Duration.ofMinutes(10)), defaultTimeout);
        HttpAuth auth = section.mapping("auth").map(HttpEndpointYaml::readAuth).orElse(HttpAuth.none());
        Optional<Path> caFile = section.mapping("tls").flatMap(tls -> {
            Optional<Path> ca = tls.path("caFile");
            ca.filter(p -> !Files.isReadable(p)).ifPresent(p -> tls.problem("caFile", "cannot read CA file " + p));
            tls.finish();
            return ca;
        });
        if (caFile.isPresent()
                && url.isPresent()
                && !"https".equalsIgnoreCase(url.get().getScheme())) {
            section.problem("tls", "a CA file only applies to an https " + urlKey);
        }
        return url.map(u -> new HttpEndpoint(u, timeout, auth, caFile));
    }

    private static HttpAuth readAuth(MappingReader auth) {
        boolean bearer = auth.has("bearer");
        boolean basic = auth.has("basic");
        HttpAuth result = HttpAuth.none();
        if (bearer && basic) {
            auth.problem("basic", "set either auth.bearer or auth.basic, not both");
        } else if (bearer) {
            result = auth.mapping("bearer")
                    .flatMap(b -> {
                        var token = b.secret("token");
                        if (token.isEmpty() && !b.has("token") && !b.has("tokenFile")) {
                            b.problem("token", "required (or tokenFile)");
                        }
                        b.finish();
                        return token.<HttpAuth>map(HttpAuth.Bearer::new);
                    })
                    .orElse(HttpAuth.none());
        } else if (basic) {
            result = auth.mapping("basic")
                    .flatMap(b -> {
                        var username = b.required("username", ValueParsers.text());
                        var password = b.secret("password");
                        if (password.isEmpty() && !b.has("password") && !b.has("passwordFile")) {
                            b.problem("password", "required (or passwordFile)");
                        }
                        b.finish();
                        return username.flatMap(u -> password.map(p -> (HttpAuth) new HttpAuth.Basic(u, p)));
                    })
                    .orElse(HttpAuth.none());
        } else {
            auth.problem("expected bearer or basic");
        }
        auth.finish();
        return result;
    }
}
