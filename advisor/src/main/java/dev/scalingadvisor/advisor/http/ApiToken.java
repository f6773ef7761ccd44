package dev.scalingadvisor.advisor.http;

import dev.scalingadvisor.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The bearer token the JSON API asks for, when one is configured; compared in constant time. */
final class ApiToken {

    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> expected;

    ApiToken(Optional<Secret> token) {
        this.expected = token.map(t -> t.reveal().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a request with this {@code Authorization} header (null when absent) may use the API. */
    boolean admits(String authorization) {
        if (expected.isEmpty()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected.get());
    }
}
