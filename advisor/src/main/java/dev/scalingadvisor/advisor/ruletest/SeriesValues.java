package dev.scalingadvisor.advisor.ruletest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * promtool's expanding notation for input series: {@code a+bxn} is n+1 values from a in steps of b ({@code a-bxn}
 * down), {@code axn} n+1 times a, {@code _} one missing sample, {@code _xn} n missing samples; values are separated by
 * spaces. E.g. {@code 0+10x2 _ 5x1} is 0 10 20, a gap, 5 5.
 */
final class SeriesValues {

    private static final String NUMBER = "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?Inf|NaN";
    private static final Pattern EXPANDING =
            Pattern.compile("(" + NUMBER + ")(?:([-+])(\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?))?x(\\d+)");
    private static final Pattern SINGLE = Pattern.compile(NUMBER);
    private static final Pattern GAPS = Pattern.compile("_x(\\d+)");
    /** A test of a day at one sample a second; more is a typo. */
    private static final int MAX_VALUES = 86_400;

    private SeriesValues() {}

    /** @throws IllegalArgumentException naming the token it cannot read */
    static List<Optional<Double>> expand(String text) {
        List<Optional<Double>> values = new ArrayList<>();
        for (String token : text.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher expanding = EXPANDING.matcher(token);
            Matcher gaps = GAPS.matcher(token);
            if (token.equals("_")) {
                values.add(Optional.empty());
            } else if (gaps.matches()) {
                add(values, Integer.parseInt(gaps.group(1)), i -> Optional.empty());
            } else if (expanding.matches()) {
                double start = number(expanding.group(1));
                double step = expanding.group(3) == null
                        ? 0
                        : Double.parseDouble(expanding.group(3))
                                * (expanding.group(2).equals("-") ? -1 : 1);
                add(values, Integer.parseInt(expanding.group(4)) + 1, i -> Optional.of(start + i * step));
            } else if (SINGLE.matcher(token).matches()) {
                values.add(Optional.of(number(token)));
            } else if (token.equals("stale")) {
                throw new IllegalArgumentException("stale markers cannot be backfilled into Prometheus;"
                        + " end the series with _ (a missing sample) instead");
            } else {
                throw new IllegalArgumentException("cannot read \"" + token + "\" in \"" + text + "\" (promtool's"
                        + " notation: 1 2 3, 0+10x5, 100-1x5, 7x3, _, _x4)");
            }
            if (values.size() > MAX_VALUES) {
                throw new IllegalArgumentException("more than " + MAX_VALUES + " values in \"" + text + "\"");
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        return values;
    }

    private interface Value {
        Optional<Double> at(int index);
    }

    private static void add(List<Optional<Double>> values, int count, Value value) {
        if (count > MAX_VALUES) {
            throw new IllegalArgumentException("more than " + MAX_VALUES + " values");
        }
        for (int i = 0; i < count; i++) {
            values.add(value.at(i));
        }
    }

    private static double number(String text) {
        return switch (text) {
            case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
