package dev.scalingadvisor.testbed.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;

/** A gauge series made up by a test, to be backfilled into Prometheus as if it had been scraped in the past. */
public record SyntheticSeries(String metric, Map<String, String> labels, List<Sample> samples) {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public SyntheticSeries {
        Objects.requireNonNull(metric, "metric");
        if (!METRIC_NAME.matcher(metric).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric name: " + metric);
        }
        labels = Map.copyOf(new TreeMap<>(labels));
        for (String label : labels.keySet()) {
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException(metric + ": not a usable label name: " + label);
            }
        }
        // promtool silently drops out-of-order and duplicate samples, so sort and reject duplicates here.
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(Sample::at));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).at().equals(sorted.get(i - 1).at())) {
                throw new IllegalArgumentException(
                        metric + labels + ": two samples at " + sorted.get(i).at());
            }
        }
        samples = List.copyOf(sorted);
    }

    /** Starts a series: {@code SyntheticSeries.of("m", Map.of("job","x")).every(...)}. */
    public static Builder of(String metric, Map<String, String> labels) {
        return new Builder(metric, labels);
    }

    /** Collects samples for one series. */
    public static final class Builder {
        private final String metric;
        private final Map<String, String> labels;
        private final List<Sample> samples = new ArrayList<>();

        private Builder(String metric, Map<String, String> labels) {
            this.metric = metric;
            this.labels = labels;
        }

        public Builder sample(Instant at, double value) {
            samples.add(new Sample(at, value));
            return this;
        }

        /** One sample every {@code step} from {@code from} (inclusive) to {@code to} (inclusive), valued by seconds since {@code from}. */
        public Builder every(Duration step, Instant from, Instant to, DoubleUnaryOperator valueAtSecondsSinceStart) {
            for (Instant at = from; !at.isAfter(to); at = at.plus(step)) {
                double seconds = Duration.between(from, at).toMillis() / 1000.0;
                samples.add(new Sample(at, valueAtSecondsSinceStart.applyAsDouble(seconds)));
            }
            return this;
        }

        public SyntheticSeries build() {
            return new SyntheticSeries(metric, labels, samples);
        }
    }
}
