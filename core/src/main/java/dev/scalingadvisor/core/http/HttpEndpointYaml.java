package dev.scalingadvisor.core.http;

import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.settings.Nested;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The keys every HTTP endpoint section shares, declared once, and their reader: {@code <urlKey>},
 * {@code timeout}, {@code auth} ({@code bearer: {token | tokenFile}} or
 * {@code basic: {username, password | passwordFile}}) and {@code tls.caFile}. They are read by hand
 * because they depend on each other (one kind of auth; a CA only for https).
 */
public final class HttpEndpointYaml {

    public static final Option<HttpEndpoint, Duration> TIMEOUT = Option.duration(
                    "timeout", HttpEndpoint::timeout, "100ms", "10m", "10s")
            .means("how long one call may take");

    public static final Option<HttpAuth, Optional<Secret>> TOKEN = Option.secret(
                    "token",
                    (HttpAuth auth) -> auth instanceof HttpAuth.Bearer b ? Optional.of(b.token()) : Optional.empty(),
                    "required (or `tokenFile`)")
            .means("sent as `Authorization: Bearer <token>`");
    public static final Option<HttpAuth, String> USERNAME = Option.required(
                    "username",
                    (HttpAuth auth) -> auth instanceof HttpAuth.Basic b ? b.username() : "",
                    ValueParsers.text())
            .means("HTTP basic authentication's user");
    public static final Option<HttpAuth, Optional<Secret>> PASSWORD = Option.secret(
                    "password",
                    (HttpAuth auth) -> auth instanceof HttpAuth.Basic b ? Optional.of(b.password()) : Optional.empty(),
                    "required (or `passwordFile`)")
            .means("HTTP basic authentication's password");
    public static final Nested<HttpAuth, HttpAuth> BEARER =
            Nested.of("bearer", auth -> auth, Section.readByOwner("A bearer token.", TOKEN), "a bearer token");
    public static final Nested<HttpAuth, HttpAuth> BASIC = Nested.of(
            "basic",
            auth -> auth,
            Section.readByOwner("HTTP basic authentication.", USERNAME, PASSWORD),
            "HTTP basic authentication");
    public static final Nested<HttpEndpoint, HttpAuth> AUTH = Nested.of(
            "auth",
            HttpEndpoint::auth,
            Section.readByOwner("How the advisor authenticates: one of `bearer` or `basic`.", BEARER, BASIC),
            "credentials; none by default");

    public static final Option<HttpEndpoint, Optional<Path>> CA_FILE = Option.readableFile(
                    "caFile", HttpEndpoint::caFile, "CA file", "the JVM's trusted CAs")
            .means("trust this CA (PEM) for an https URL served with a private certificate");
    public static final Nested<HttpEndpoint, HttpEndpoint> TLS =
            Nested.of("tls", endpoint -> endpoint, Section.readByOwner("TLS for an https URL.", CA_FILE), "TLS");

    private HttpEndpointYaml() {}

    /** The keys of an endpoint whose URL is written at {@code urlKey}. */
    public static Section<HttpEndpoint> section(String urlKey, String description) {
        return Section.readByOwner(description, url(urlKey), TIMEOUT, AUTH, TLS);
    }

    private static Option<HttpEndpoint, URI> url(String urlKey) {
        return Option.required(urlKey, HttpEndpoint::url, ValueParsers.httpUrl())
                .means("the API's base URL");
    }

    /** Reads the endpoint fields from {@code section}; the caller still calls {@code finish()} on it. */
    public static Optional<HttpEndpoint> read(MappingReader section, String urlKey) {
        Optional<URI> url = url(urlKey).read(section);
        Duration timeout = TIMEOUT.readOrDefault(section);
        HttpAuth auth =
                section.mapping(AUTH.key()).map(HttpEndpointYaml::readAuth).orElse(HttpAuth.none());
        Optional<Path> caFile = section.mapping(TLS.key()).flatMap(tls -> {
            Optional<Path> ca = CA_FILE.readOrDefault(tls);
            tls.finish();
            return ca;
        });
        if (caFile.isPresent()
                && url.isPresent()
                && !"https".equalsIgnoreCase(url.get().getScheme())) {
            section.problem(TLS.key(), "a CA file only applies to an https " + urlKey);
        }
        return url.map(u -> new HttpEndpoint(u, timeout, auth, caFile));
    }

    private static HttpAuth readAuth(MappingReader auth) {
        boolean bearer = auth.has(BEARER.key());
        boolean basic = auth.has(BASIC.key());
        HttpAuth result = HttpAuth.none();
        if (bearer && basic) {
            auth.problem(BASIC.key(), "set either auth.bearer or auth.basic, not both");
        } else if (bearer) {
            result = auth.mapping(BEARER.key())
                    .flatMap(b -> {
                        Optional<Secret> token = TOKEN.readOrDefault(b);
                        if (token.isEmpty() && !b.has("token") && !b.has("tokenFile")) {
                            b.problem("token", "required (or tokenFile)");
                        }
                        b.finish();
                        return token.<HttpAuth>map(HttpAuth.Bearer::new);
                    })
                    .orElse(HttpAuth.none());
        } else if (basic) {
            result = auth.mapping(BASIC.key())
                    .flatMap(b -> {
                        Optional<String> username = USERNAME.read(b);
                        Optional<Secret> password = PASSWORD.readOrDefault(b);
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
