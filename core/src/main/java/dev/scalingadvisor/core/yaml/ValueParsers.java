package dev.scalingadvisor.core.yaml;

import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** The typed values configuration and rule packs are made of, each with an error message a person can act on. */
public final class ValueParsers {

    private ValueParsers() {}

    /** Any non-blank text. */
    public static ValueParser<String> text() {
        return text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be blank");
            }
            return text;
        };
    }

    public static ValueParser<Integer> integer(int min, int max) {
        return text -> {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got \"" + text + "\"");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " is out of range; allowed: " + min + " to " + max);
            }
            return value;
        };
    }

    public static ValueParser<Double> decimal(double min, double max) {
        return text -> {
            double value;
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number, got \"" + text + "\"");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("expected a finite number, got \"" + text + "\"");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(text.trim() + " is out of range; allowed: " + min + " to " + max);
            }
            return value;
        };
    }

    /** A finite number, any sign (thresholds). */
    public static ValueParser<Double> finiteNumber() {
        return decimal(-Double.MAX_VALUE, Double.MAX_VALUE);
    }

    public static ValueParser<Boolean> bool() {
        return text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got \"" + text + "\"");
        };
    }

    /** A Prometheus-style duration between {@code min} and {@code max}, both inclusive. */
    public static ValueParser<Duration> duration(Duration min, Duration max) {
        return text -> {
            Duration value = PrometheusDurations.parse(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(PrometheusDurations.format(value) + " is out of range; allowed: "
                        + PrometheusDurations.format(min) + " to " + PrometheusDurations.format(max));
            }
            return value;
        };
    }

    /** A duration of zero or more, up to a year. */
    public static ValueParser<Duration> duration() {
        return duration(Duration.ZERO, Duration.ofDays(365));
    }

    /** An absolute http or https URL with a host. */
    public static ValueParser<URI> httpUrl() {
        return text -> {
            URI uri;
            try {
                uri = new URI(text.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: \"" + text + "\"");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "not an http(s) URL: \"" + text + "\" (expected e.g. http://host:9090)");
            }
            return uri;
        };
    }

    /** Like {@link #httpUrl()} but for URLs that are secrets: the message never repeats the text. */
    public static ValueParser<URI> secretHttpUrl() {
        return text -> {
            try {
                return httpUrl().parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an http(s) URL (value not shown: it is a secret)");
            }
        };
    }

    /** A Java regular expression, matched against the whole name (anchored, as Prometheus does). */
    public static ValueParser<Pattern> regex() {
        return text -> {
            try {
                return Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex() + " of \"" + text + "\"");
            }
        };
    }

    /**
     * One of an enum's values, written as in the docs: lower case with dashes ({@code in-place} for
     * {@code IN_PLACE}).
     */
    public static <E extends Enum<E>> ValueParser<E> oneOf(Class<E> type) {
        return text -> {
            for (E constant : type.getEnumConstants()) {
                if (Spelling.of(constant).equals(text.trim())) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not one of: "
                    + Arrays.stream(type.getEnumConstants()).map(Spelling::of).collect(Collectors.joining(", ")));
        };
    }

    /** A Flink cluster's name: letters, digits, '.', '_' or '-'. */
    public static ValueParser<ClusterName> clusterName() {
        return text -> new ClusterName(text.trim());
    }
}
