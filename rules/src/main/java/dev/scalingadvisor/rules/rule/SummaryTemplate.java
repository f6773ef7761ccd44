package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.text.ValueText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's one-line summary with placeholders, checked when the pack is loaded:
 * {@code {{ value }}} (also {@code {{ $value }}}, as in Prometheus), {@code {{ threshold }}},
 * {@code {{ clear }}}, {@code {{ job }}}, {@code {{ vertex }}} and {@code {{ labels.NAME }}}
 * (also {@code {{ $labels.NAME }}}).
 */
public final class SummaryTemplate {

    private final String text;
    private final List<Part> parts;

    private SummaryTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /** @throws IllegalArgumentException naming the placeholder that is not known or not closed */
    public static SummaryTemplate parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                parts.add(new Literal(text.substring(i)));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed \"{{\" in summary \"" + text + "\"");
            }
            if (open > i) {
                parts.add(new Literal(text.substring(i, open)));
            }
            parts.add(placeholder(text.substring(open + 2, close).trim()));
            i = close + 2;
        }
        return new SummaryTemplate(text, parts);
    }

    private static Part placeholder(String name) {
        String bare = name.startsWith("$") ? name.substring(1) : name;
        switch (bare) {
            case "value":
            case "threshold":
            case "clear":
            case "job":
            case "vertex":
                return new Field(bare);
            default:
                if (bare.startsWith("labels.") && bare.length() > "labels.".length()) {
                    return new Label(bare.substring("labels.".length()));
                }
                throw new IllegalArgumentException("unknown placeholder {{ " + name + " }} in summary (known: value,"
                        + " threshold, clear, job, vertex, labels.NAME)");
        }
    }

    /**
     * @param job    the job's display name
     * @param vertex the vertex's display name, empty for a job-level value
     * @param labels the labels of the series the value came from
     */
    public String render(double value, Threshold threshold, String job, String vertex, Map<String, String> labels) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Label label) {
                out.append(labels.getOrDefault(label.name(), ""));
            } else if (part instanceof Field field) {
                out.append(
                        switch (field.name()) {
                            case "value" -> ValueText.of(value);
                            case "threshold" -> ValueText.of(threshold.fire());
                            case "clear" -> ValueText.of(threshold.clear());
                            case "job" -> job;
                            default -> vertex;
                        });
            }
        }
        return out.toString();
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SummaryTemplate t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private sealed interface Part permits Literal, Field, Label {}

    private record Literal(String text) implements Part {}

    private record Field(String name) implements Part {}

    private record Label(String name) implements Part {}
}
