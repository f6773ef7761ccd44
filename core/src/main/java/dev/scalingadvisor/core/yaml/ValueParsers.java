package dev.scalingadvisor.core.yaml;

import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The typed values configuration and rule packs are made of, each with an error message a person can act on. */
public final class ValueParsers {

    private ValueParsers() {}

    /** Any non-blank text. */
    public static ValueParser<String> text() {
        return ValueParser.described("text", value -> value, text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be blank");
            }
            return text;
        });
    }

    public static ValueParser<Integer> integer(int min, int max) {
        return ValueParser.described("whole number, " + min + " to " + max, String::valueOf, text -> {
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
                })
                .withSchema(ValueSchema.integer(min, max));
    }

    public static ValueParser<Double> decimal(double min, double max) {
        String bounds = min == -Double.MAX_VALUE && max == Double.MAX_VALUE ? "" : ", " + min + " to " + max;
        return ValueParser.described("number" + bounds, String::valueOf, text -> {
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
                        throw new IllegalArgumentException(
                                text.trim() + " is out of range; allowed: " + min + " to " + max);
                    }
                    return value;
                })
                .withSchema(ValueSchema.number(min, max));
    }

    /** A finite number, any sign (thresholds). */
    public static ValueParser<Double> finiteNumber() {
        return decimal(-Double.MAX_VALUE, Double.MAX_VALUE);
    }

    public static ValueParser<Boolean> bool() {
        return ValueParser.described("true or false", String::valueOf, text -> switch (text.trim()
                        .toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> throw new IllegalArgumentException("expected true or false, got \"" + text + "\"");
                })
                .withSchema(ValueSchema.bool());
    }

    /** A Prometheus-style duration between {@code min} and {@code max}, both inclusive. */
    public static ValueParser<Duration> duration(Duration min, Duration max) {
        String bounds = PrometheusDurations.format(min) + " to " + PrometheusDurations.format(max);
        return ValueParser.described("duration, " + bounds, PrometheusDurations::format, text -> {
                    Duration value = PrometheusDurations.parse(text);
                    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                        throw new IllegalArgumentException(
                                PrometheusDurations.format(value) + " is out of range; allowed: " + bounds);
                    }
                    return value;
                })
                .withSchema(ValueSchema.duration());
    }

    /** A duration of zero or more, up to a year. */
    public static ValueParser<Duration> duration() {
        return duration(Duration.ZERO, Duration.ofDays(365));
    }

    /** A time zone: an IANA name ({@code Europe/Berlin}), {@code UTC} or an offset ({@code +02:00}). */
    public static ValueParser<ZoneId> timeZone() {
        return ValueParser.described("time zone", ZoneId::getId, text -> {
            try {
                return ZoneId.of(text.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "not a time zone: \"" + text + "\" (an IANA name such as Europe/Berlin, or UTC, or +02:00)");
            }
        });
    }

    /** An absolute http or https URL with a host. */
    public static ValueParser<URI> httpUrl() {
        return ValueParser.described("http(s) URL", URI::toString, text -> {
            URI uri;
            try {
                uri = new URI(text.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL: \"" + text + "\"");
            }
            if (uri.getRawUserInfo() != null) {
                // Not repeated: the text holds a password. In a URL it would travel into links, logs and errors.
                throw new CredentialsInUrl();
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "not an http(s) URL: \"" + text + "\" (expected e.g. http://host:9090)");
            }
            return uri;
        });
    }

    /** A URL with {@code user:password@} in it: refused, without the text. */
    private static final class CredentialsInUrl extends IllegalArgumentException {
        CredentialsInUrl() {
            super("the URL holds credentials (user:password@host); give them as auth.basic with a passwordFile, or a"
                    + " bearer token, not in the URL (value not shown)");
        }
    }

    /** Like {@link #httpUrl()} but for URLs that are secrets: the message never repeats the text. */
    public static ValueParser<URI> secretHttpUrl() {
        return ValueParser.described("http(s) URL (a secret)", URI::toString, text -> {
            try {
                return httpUrl().parse(text);
            } catch (CredentialsInUrl e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an http(s) URL (value not shown: it is a secret)");
            }
        });
    }

    /**
     * A regular expression over job names in RE2 syntax, matched against the whole name (anchored, as Prometheus
     * does) in linear time.
     */
    public static ValueParser<JobNamePattern> jobNamePattern() {
        return ValueParser.described("regular expression (RE2)", JobNamePattern::regex, JobNamePattern::of);
    }

    /**
     * One of an enum's values, written as in the docs: lower case with dashes ({@code in-place} for
     * {@code IN_PLACE}).
     */
    public static <E extends Enum<E>> ValueParser<E> oneOf(Class<E> type) {
        String values = Arrays.stream(type.getEnumConstants()).map(Spelling::of).collect(Collectors.joining(", "));
        return ValueParser.described("one of: " + values, Spelling::of, text -> {
                    for (E constant : type.getEnumConstants()) {
                        if (Spelling.of(constant).equals(text.trim())) {
                            return constant;
                        }
                    }
                    throw new IllegalArgumentException("\"" + text + "\" is not one of: " + values);
                })
                .withSchema(ValueSchema.oneOf(
                        Arrays.stream(type.getEnumConstants()).map(Spelling::of).toList()));
    }

    /** A Flink cluster's name: letters, digits, '.', '_' or '-'. */
    public static ValueParser<ClusterName> clusterName() {
        return ValueParser.described(
                "name: letters, digits, '.', '_' or '-'", ClusterName::value, text -> new ClusterName(text.trim()));
    }
}
