package dev.scalingadvisor.advisor.daemon;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.hotspot.DefaultExports;

/** The daemon's own metrics (cycles, reloads, readiness) and the JVM's, in one registry served on {@code /metrics}. */
public final class DaemonMetrics {

    private final CollectorRegistry registry;
    final Counter cycles;
    final Counter cyclesSkipped;
    final Histogram cycleDuration;
    final Gauge lastCycle;
    final Counter reloads;
    final Gauge lastReloadSuccessful;
    final Gauge ready;

    public DaemonMetrics(CollectorRegistry registry, String version) {
        this.registry = registry;
        DefaultExports.register(registry);
        Gauge.build("scaling_advisor_build_info", "The running advisor's version; always 1.")
                .labelNames("version")
                .register(registry)
                .labels(version)
                .set(1);
        cycles = Counter.build("scaling_advisor_evaluation_cycles_total", "Evaluation cycles run, by outcome.")
                .labelNames("outcome")
                .register(registry);
        cyclesSkipped = Counter.build(
                        "scaling_advisor_evaluation_cycles_skipped_total",
                        "Scheduled cycles skipped because the previous one was still running.")
                .register(registry);
        cycleDuration = Histogram.build(
                        "scaling_advisor_evaluation_cycle_duration_seconds", "How long an evaluation cycle took.")
                .buckets(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
        lastCycle = Gauge.build(
                        "scaling_advisor_last_evaluation_timestamp_seconds",
                        "When the last evaluation cycle finished, as a Unix timestamp.")
                .register(registry);
        reloads = Counter.build("scaling_advisor_config_reloads_total", "Configuration reloads (SIGHUP), by outcome.")
                .labelNames("outcome")
                .register(registry);
        lastReloadSuccessful = Gauge.build(
                        "scaling_advisor_config_last_reload_successful",
                        "1 if the last configuration load or reload succeeded, 0 if the previous configuration is still in force.")
                .register(registry);
        ready = Gauge.build(
                        "scaling_advisor_ready",
                        "1 when the advisor is ready: configuration loaded and Prometheus answered in the last cycle.")
                .register(registry);
    }

    public CollectorRegistry registry() {
        return registry;
    }
}
