package dev.scalingadvisor.core.secret;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret value the process has loaded, so that log output can be scrubbed of them as a last line
 * of defence: code never logs a secret on purpose, but a library's exception message might quote a URL.
 */
public final class KnownSecrets {

    /** Shorter values would scrub ordinary words out of log lines; no real token is this short. */
    static final int MIN_REDACTED_LENGTH = 6;

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    private KnownSecrets() {}

    static void register(String value) {
        if (value.length() >= MIN_REDACTED_LENGTH) {
            VALUES.add(value);
            // JSON log lines escape '/' and '"' (logback's JsonEncoder writes https:\/\/…).
            VALUES.add(jsonEscaped(value));
        }
        // A webhook URL's secret is its path (Slack: /services/T…/B…/key); messages often quote only that.
        if (value.startsWith("http://") || value.startsWith("https://")) {
            int pathStart = value.indexOf('/', value.indexOf("//") + 2);
            if (pathStart > 0 && value.length() - pathStart >= MIN_REDACTED_LENGTH) {
                VALUES.add(value.substring(pathStart));
                VALUES.add(jsonEscaped(value.substring(pathStart)));
            }
        }
    }

    private static String jsonEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
    }

    /** The text with each known secret value replaced by {@code <secret>}. */
    public static String redact(String text) {
        if (text == null || VALUES.isEmpty()) {
            return text;
        }
        String result = text;
        // Longest first, so a whole URL becomes one <secret> rather than its host followed by <secret>.
        for (String value : VALUES.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList()) {
            if (result.contains(value)) {
                result = result.replace(value, "<secret>");
            }
        }
        return result;
    }
}
