package dev.scalingadvisor.advisor.ruletest;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** One input series as promtool writes it: {@code metric_name{label="value", …}}, labels matched with {@code =} only. */
public record SeriesSelector(String metric, Map<String, String> labels) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public SeriesSelector {
        Objects.requireNonNull(metric, "metric");
        // Sorted, so a series reads the same in every message and file.
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** @throws IllegalArgumentException saying what is wrong, for a located message */
    public static SeriesSelector parse(String text) {
        String s = text.strip();
        int brace = s.indexOf('{');
        String metric = (brace < 0 ? s : s.substring(0, brace)).strip();
        if (!NAME.matcher(metric).matches()) {
            throw new IllegalArgumentException(
                    "not a series: \"" + text + "\" (write it as promtool does:" + " metric_name{label=\"value\", …})");
        }
        Map<String, String> labels = new TreeMap<>();
        if (brace >= 0) {
            if (!s.endsWith("}")) {
                throw new IllegalArgumentException("not a series: \"" + text + "\": the labels end with }");
            }
            readLabels(text, s.substring(brace + 1, s.length() - 1), labels);
        }
        return new SeriesSelector(metric, labels);
    }

    private static void readLabels(String text, String body, Map<String, String> labels) {
        int i = 0;
        while (true) {
            while (i < body.length() && (Character.isWhitespace(body.charAt(i)) || body.charAt(i) == ',')) {
                i++;
            }
            if (i >= body.length()) {
                return;
            }
            int eq = body.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("not a series: \"" + text + "\": expected label=\"value\"");
            }
            String name = body.substring(i, eq).strip();
            int quote = eq + 1;
            while (quote < body.length() && Character.isWhitespace(body.charAt(quote))) {
                quote++;
            }
            if (!LABEL.matcher(name).matches() || quote >= body.length() || body.charAt(quote) != '"') {
                throw new IllegalArgumentException("not a series: \"" + text + "\": expected label=\"value\" at \""
                        + body.substring(i).strip() + "\" (only =, with the value in double quotes)");
            }
            StringBuilder value = new StringBuilder();
            int j = quote + 1;
            while (j < body.length() && body.charAt(j) != '"') {
                if (body.charAt(j) == '\\' && j + 1 < body.length()) {
                    j++;
                    value.append(body.charAt(j) == 'n' ? '\n' : body.charAt(j));
                } else {
                    value.append(body.charAt(j));
                }
                j++;
            }
            if (j >= body.length()) {
                throw new IllegalArgumentException("not a series: \"" + text + "\": a label value is not closed");
            }
            if (labels.put(name, value.toString()) != null) {
                throw new IllegalArgumentException("not a series: \"" + text + "\": label " + name + " twice");
            }
            i = j + 1;
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(metric).append('{');
        labels.forEach((k, v) -> s.append(s.charAt(s.length() - 1) == '{' ? "" : ",")
                .append(k)
                .append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                .append('"'));
        return s.append('}').toString();
    }
}
