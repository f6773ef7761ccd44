package dev.scalingadvisor.core.yaml;

import java.util.Map;
import java.util.Objects;

/**
 * Replaces {@code ${NAME}} with the value of environment variable NAME in configuration values, so one
 * file serves several environments. {@code ${NAME:-fallback}} gives a fallback for an unset or empty
 * variable; {@code $$} writes a literal {@code $}. An unset variable without fallback is an error,
 * never an empty string: an empty Prometheus URL or token would fail far from its cause.
 */
public final class EnvironmentInterpolation {

    private final Map<String, String> environment;

    public EnvironmentInterpolation(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** Interpolation from the process environment. */
    public static EnvironmentInterpolation fromSystem() {
        return new EnvironmentInterpolation(System.getenv());
    }

    /**
     * @throws IllegalArgumentException naming the variable that is not set, or the malformed reference
     */
    public String apply(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
            } else if (text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException(
                            "unclosed \"${\" in \"" + text + "\" (write $$ for a literal $)");
                }
                out.append(resolve(text.substring(i + 2, close)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Whether {@code text} takes anything from the environment: a {@code ${NAME}} that is not written {@code $${}. */
    public static boolean refersToVariable(String text) {
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) == '$') {
                if (text.charAt(i + 1) == '{') {
                    return true;
                }
                if (text.charAt(i + 1) == '$') {
                    i++;
                }
            }
        }
        return false;
    }

    private String resolve(String reference) {
        int fallbackAt = reference.indexOf(":-");
        String name = fallbackAt < 0 ? reference : reference.substring(0, fallbackAt);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("\"${" + reference + "}\" does not name an environment variable");
        }
        String value = environment.get(name);
        if (fallbackAt >= 0 && (value == null || value.isEmpty())) {
            return reference.substring(fallbackAt + 2);
        }
        if (value == null) {
            throw new IllegalArgumentException(
                    "environment variable " + name + " is not set" + " (use ${" + name + ":-fallback} for a default)");
        }
        return value;
    }
}
