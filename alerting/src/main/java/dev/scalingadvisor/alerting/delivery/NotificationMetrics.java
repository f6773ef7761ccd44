package dev.scalingadvisor.alerting.delivery;

import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.text.Spelling;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The notification metrics, registered once per registry and shared by every {@code Notifications}
 * the daemon builds (one per configuration reload). Labels are the notifier's configured name, the
 * event kind and a fixed reason: never a URL.
 */
public final class NotificationMetrics {

    /** Why a notification did not arrive. */
    public enum FailureReason {
        /** The receiver refused it (HTTP 4xx other than 429): not retried. */
        REJECTED,
        /** Every attempt failed, or the receiver asked to wait longer than we do. */
        RETRIES_EXHAUSTED,
        /** The destination's circuit breaker was open, so it was not tried. */
        BREAKER_OPEN,
        /** The advisor stopped while it was being tried. */
        SHUTDOWN,
        /** A bug: the notifier threw. */
        ERROR;

        String label() {
            return Spelling.of(this);
        }
    }

    private final Counter sent;
    private final Counter failed;
    private final Counter dropped;
    private final Counter retried;
    private final Counter suppressed;
    private final Gauge queued;
    private final Gauge breakerState;

    private NotificationMetrics(PrometheusRegistry registry) {
        sent = Counter.builder()
                .name("scaling_advisor_notifications_sent_total")
                .help("Notifications a receiver accepted.")
                .labelNames("notifier", "kind")
                .register(registry);
        failed = Counter.builder()
                .name("scaling_advisor_notifications_failed_total")
                .help(
                        "Notifications that did not arrive, by reason: rejected, retries-exhausted, breaker-open, shutdown, error.")
                .labelNames("notifier", "kind", "reason")
                .register(registry);
        dropped = Counter.builder()
                .name("scaling_advisor_notifications_dropped_total")
                .help(
                        "Notifications never tried: the oldest waiting when the queue was full (queue-full), or still waiting at shutdown.")
                .labelNames("notifier", "kind", "reason")
                .register(registry);
        retried = Counter.builder()
                .name("scaling_advisor_notifications_retried_total")
                .help("Delivery attempts after the first.")
                .labelNames("notifier", "kind")
                .register(registry);
        suppressed = Counter.builder()
                .name("scaling_advisor_notifications_suppressed_total")
                .help(
                        "Notifications not sent because the same had gone out within repeatInterval (or nothing to resolve).")
                .labelNames("notifier", "kind")
                .register(registry);
        queued = Gauge.builder()
                .name("scaling_advisor_notifications_queued")
                .help("Notifications waiting for delivery.")
                .labelNames("notifier")
                .register(registry);
        breakerState = Gauge.builder()
                .name("scaling_advisor_notifier_breaker_state")
                .help(
                        "1 for the state the notifier's circuit breaker is in (closed, open, half-open, …), 0 for the others.")
                .labelNames("notifier", "state")
                .register(registry);
    }

    public static NotificationMetrics register(PrometheusRegistry registry) {
        return new NotificationMetrics(registry);
    }

    void sent(String notifier, EventKind kind) {
        sent.labelValues(notifier, kind.spelling()).inc();
    }

    void failed(String notifier, EventKind kind, FailureReason reason) {
        failed.labelValues(notifier, kind.spelling(), reason.label()).inc();
    }

    void droppedQueueFull(String notifier, EventKind kind) {
        dropped.labelValues(notifier, kind.spelling(), "queue-full").inc();
    }

    void droppedAtShutdown(String notifier, EventKind kind) {
        dropped.labelValues(notifier, kind.spelling(), "shutdown").inc();
    }

    void retried(String notifier, EventKind kind, int retries) {
        if (retries > 0) {
            retried.labelValues(notifier, kind.spelling()).inc(retries);
        }
    }

    void suppressed(String notifier, EventKind kind) {
        suppressed.labelValues(notifier, kind.spelling()).inc();
    }

    void queued(String notifier, int size) {
        queued.labelValues(notifier).set(size);
    }

    void breakerState(String notifier, CircuitBreaker.State state) {
        for (CircuitBreaker.State each : CircuitBreaker.State.values()) {
            breakerState.labelValues(notifier, Spelling.of(each)).set(each == state ? 1 : 0);
        }
    }

    /** Removes a stopped notifier's gauges, so a reload that renames it leaves no stale series. */
    void forget(String notifier) {
        queued.remove(notifier);
        for (CircuitBreaker.State each : CircuitBreaker.State.values()) {
            breakerState.remove(notifier, Spelling.of(each));
        }
    }
}
