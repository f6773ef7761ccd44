package dev.scalingadvisor.advisor.http;

import dev.scalingadvisor.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The token the JSON API (as a bearer token) and the page (as a bearer token, or as the password of HTTP Basic
 * authentication, which a browser can send) ask for, when one is configured; compared in constant time.
 */
final class ApiToken {

    private static final String BEARER = "Bearer ";

    private static final String BASIC = "Basic ";

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

    /**
     * Whether a request with this {@code Authorization} header may see the page: the bearer token, or HTTP Basic
     * with any user name and the token as password. The page shows what the API guards (jobs, decisions and their
     * explanations), so it asks for the same token.
     */
    boolean admitsPage(String authorization) {
        if (expected.isEmpty() || admits(authorization)) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(
                    Base64.getDecoder()
                            .decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        return colon >= 0
                && MessageDigest.isEqual(
                        credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8), expected.get());
    }
}
