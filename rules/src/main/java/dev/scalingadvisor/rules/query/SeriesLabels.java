package dev.scalingadvisor.rules.query;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The label set that identifies one series in a query result, metric name included when Prometheus kept it.
 * Immutable; not a record so that a parsed answer's labels are wrapped rather than copied (an answer for a
 * thousand jobs holds tens of thousands of label sets).
 */
public final class SeriesLabels {

    private final Map<String, String> values;

    private SeriesLabels(Map<String, String> values) {
        this.values = values;
    }

    /** Labels copied from {@code values}. */
    public static SeriesLabels of(Map<String, String> values) {
        return new SeriesLabels(Collections.unmodifiableMap(new HashMap<>(Objects.requireNonNull(values, "values"))));
    }

    /**
     * Labels made of {@code values}, which hold no null, as an immutable map: a rule's reading keeps the labels of
     * its series ({@code Reading.Value}) at every step of a replay, and {@link Map#copyOf} of an immutable map
     * copies nothing.
     */
    static SeriesLabels owning(HashMap<String, String> values) {
        return new SeriesLabels(Map.copyOf(values));
    }

    /** These labels and one more, {@code name} set to {@code value} (replaced if present). */
    public SeriesLabels with(String name, String value) {
        HashMap<String, String> more = new HashMap<>(values);
        more.put(name, value);
        return owning(more);
    }

    /** A label's value; Prometheus treats an empty value as an absent label, and so do we. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A label's value, or null when absent or empty: for loops over many series. */
    public String valueOrNull(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public Map<String, String> values() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesLabels l && l.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return new TreeMap<>(values).toString();
    }
}
