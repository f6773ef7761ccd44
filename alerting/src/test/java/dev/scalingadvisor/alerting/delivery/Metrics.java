package dev.scalingadvisor.alerting.delivery;

import dev.scalingadvisor.core.testing.MetricValues;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Reads notification metrics back from a registry; absent series read as zero. */
public record Metrics(PrometheusRegistry registry) {

    public double sent(String notifier, String kind) {
        return value("scaling_advisor_notifications_sent_total", new String[] {"notifier", "kind"}, notifier, kind);
    }

    public double failed(String notifier, String kind, String reason) {
        return value(
                "scaling_advisor_notifications_failed_total",
                new String[] {"notifier", "kind", "reason"},
                notifier,
                kind,
                reason);
    }

    public double dropped(String notifier, String kind, String reason) {
        return value(
                "scaling_advisor_notifications_dropped_total",
                new String[] {"notifier", "kind", "reason"},
                notifier,
                kind,
                reason);
    }

    public double retried(String notifier, String kind) {
        return value("scaling_advisor_notifications_retried_total", new String[] {"notifier", "kind"}, notifier, kind);
    }

    public double suppressed(String notifier, String kind) {
        return value(
                "scaling_advisor_notifications_suppressed_total", new String[] {"notifier", "kind"}, notifier, kind);
    }

    public double breaker(String notifier, String state) {
        return value("scaling_advisor_notifier_breaker_state", new String[] {"notifier", "state"}, notifier, state);
    }

    private double value(String name, String[] labels, String... values) {
        return MetricValues.of(registry).value(name, labels, values);
    }
}
