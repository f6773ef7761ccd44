package dev.scalingadvisor.core.http;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP API the advisor calls: where it is, how long one call may take, how to authenticate, and
 * which CA to trust when it is served over TLS with a private certificate.
 */
public record HttpEndpoint(URI url, Duration timeout, HttpAuth auth, Optional<Path> caFile) {

    public HttpEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(caFile, "caFile");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** An endpoint that needs no credentials and trusts the JVM's certificate authorities. */
    public static HttpEndpoint open(URI url, Duration timeout) {
        return new HttpEndpoint(url, timeout, new HttpAuth.None(), Optional.empty());
    }

    /** The URL without path, query or user info: safe to show in logs and errors. */
    public String displayUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
