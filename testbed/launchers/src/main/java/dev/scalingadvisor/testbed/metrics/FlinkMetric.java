package dev.scalingadvisor.testbed.metrics;

import java.util.Objects;

/** A metric as Flink 1.20's Prometheus reporter exports it: its Prometheus name, scope and meaning. */
public record FlinkMetric(String name, MetricScope scope, String meaning) {

    public FlinkMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        if (!name.startsWith("flink_")) {
            throw new IllegalArgumentException("Flink's reporter prefixes every metric with flink_: " + name);
        }
    }
}
