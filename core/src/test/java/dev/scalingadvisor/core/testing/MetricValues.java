package dev.scalingadvisor.core.testing;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads samples back from a registry the way Prometheus would see them: by the exposed name (a counter with its
 * {@code _total}, a histogram's {@code _count} and {@code _sum}) and the exact label set.
 */
public record MetricValues(PrometheusRegistry registry) {

    public static MetricValues of(PrometheusRegistry registry) {
        return new MetricValues(registry);
    }

    /** The sample's value, 0 when there is no such sample (as for a counter never incremented). */
    public double value(String name, String... labelNamesAndValues) {
        return find(name, labelNamesAndValues).orElse(0);
    }

    /** The sample's value, 0 when there is no such sample; labels as two parallel arrays. */
    public double value(String name, String[] labelNames, String[] labelValues) {
        return find(name, Labels.of(labelNames, labelValues)).orElse(0);
    }

    /** The sample's value, empty when there is no such sample. */
    public OptionalDouble find(String name, String... labelNamesAndValues) {
        return find(name, Labels.of(labelNamesAndValues));
    }

    private OptionalDouble find(String name, Labels wanted) {
        for (MetricSnapshot metric : registry.scrape()) {
            String family = metric.getMetadata().getPrometheusName();
            for (DataPointSnapshot point : metric.getDataPoints()) {
                if (point.getLabels().equals(wanted)) {
                    OptionalDouble value = valueOf(metric, family, point, name);
                    if (value.isPresent()) {
                        return value;
                    }
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** Every label value of every sample in the registry (to check that none carries a secret). */
    public List<String> labelValues() {
        List<String> values = new ArrayList<>();
        for (MetricSnapshot metric : registry.scrape()) {
            for (DataPointSnapshot point : metric.getDataPoints()) {
                point.getLabels().forEach(label -> values.add(label.getValue()));
            }
        }
        return values;
    }

    private static OptionalDouble valueOf(MetricSnapshot metric, String family, DataPointSnapshot point, String name) {
        if (metric instanceof CounterSnapshot && name.equals(family + "_total")) {
            return OptionalDouble.of(((CounterSnapshot.CounterDataPointSnapshot) point).getValue());
        }
        if (metric instanceof GaugeSnapshot && name.equals(family)) {
            return OptionalDouble.of(((GaugeSnapshot.GaugeDataPointSnapshot) point).getValue());
        }
        if (metric instanceof InfoSnapshot && name.equals(family + "_info")) {
            return OptionalDouble.of(1);
        }
        if (metric instanceof HistogramSnapshot) {
            HistogramSnapshot.HistogramDataPointSnapshot histogram =
                    (HistogramSnapshot.HistogramDataPointSnapshot) point;
            if (name.equals(family + "_count")) {
                return OptionalDouble.of(histogram.getCount());
            }
            if (name.equals(family + "_sum")) {
                return OptionalDouble.of(histogram.getSum());
            }
        }
        return OptionalDouble.empty();
    }
}
