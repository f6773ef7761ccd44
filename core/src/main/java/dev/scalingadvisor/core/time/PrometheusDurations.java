package dev.scalingadvisor.core.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus writes them ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}), for the
 * edges only: configuration, rule packs, messages. Inside, time is always a {@link Duration}.
 */
public final class PrometheusDurations {

    // The units and order Prometheus' own model.ParseDuration accepts; "y" is 365 days there too.
    private static final Pattern FORMAT =
            Pattern.compile("(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {
        365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1
    };
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private PrometheusDurations() {}

    /**
     * @throws IllegalArgumentException with a message that shows the expected form
     */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(trimmed);
        if (trimmed.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(
                    "not a duration: \"" + text + "\" (write it as Prometheus does: 30s, 5m, 1h30m, 2d)");
        }
        long millis = 0;
        try {
            for (int i = 0; i < UNIT_MILLIS.length; i++) {
                if (m.group(i + 1) != null) {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(m.group(i + 1)), UNIT_MILLIS[i]));
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration too long: \"" + text + "\"");
        }
        return Duration.ofMillis(millis);
    }

    /** The shortest Prometheus spelling: 90 s is {@code 1m30s}, zero is {@code 0s}. Weeks and years are not used. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 2; i < UNIT_MILLIS.length; i++) {
            long count = millis / UNIT_MILLIS[i];
            if (count > 0) {
                out.append(count).append(UNIT_NAMES[i]);
                millis -= count * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }
}
