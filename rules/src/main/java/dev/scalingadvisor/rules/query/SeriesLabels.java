package dev.scalingadvisor.rules.query;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The label set that identifies one series in a query result, metric name included when Prometheus kept it. */
public record SeriesLabels(Map<String, String> values) {

    public SeriesLabels {
        values = Map.copyOf(values);
    }

    public static SeriesLabels of(Map<String, String> values) {
        return new SeriesLabels(values);
    }

    /** A label's value; Prometheus treats an empty value as an absent label, and so do we. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public String toString() {
        return new TreeMap<>(values).toString();
    }
}
