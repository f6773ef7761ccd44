package dev.scalingadvisor.advisor.daemon;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;

/** The daemon's own metrics (cycles, reloads, readiness) and the JVM's, in one registry served on {@code /metrics}. */
public final class DaemonMetrics {

    private final PrometheusRegistry registry;
    private final Clock clock;
    final Counter cycles;
    final Counter cyclesSkipped;
    final Histogram cycleDuration;
    final Gauge lastCycle;
    final Counter reloads;
    final Gauge lastReloadSuccessful;
    final Gauge ready;

    public DaemonMetrics(PrometheusRegistry registry, String version, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        JvmMetrics.builder().register(registry);
        Info.builder()
                .name("scaling_advisor_build_info")
                .help("The running advisor's version; always 1.")
                .labelNames("version")
                .register(registry)
                .setLabelValues(version);
        cycles = Counter.builder()
                .name("scaling_advisor_evaluation_cycles_total")
                .help("Evaluation cycles run, by outcome.")
                .labelNames("outcome")
                .register(registry);
        cyclesSkipped = Counter.builder()
                .name("scaling_advisor_evaluation_cycles_skipped_total")
                .help("Scheduled cycles skipped because the previous one was still running.")
                .register(registry);
        cycleDuration = Histogram.builder()
                .name("scaling_advisor_evaluation_cycle_duration_seconds")
                .help("How long an evaluation cycle took.")
                .classicOnly()
                .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
                .register(registry);
        lastCycle = Gauge.builder()
                .name("scaling_advisor_last_evaluation_timestamp_seconds")
                .help("When the last evaluation cycle finished, as a Unix timestamp.")
                .register(registry);
        reloads = Counter.builder()
                .name("scaling_advisor_config_reloads_total")
                .help("Configuration reloads (SIGHUP), by outcome.")
                .labelNames("outcome")
                .register(registry);
        lastReloadSuccessful = Gauge.builder()
                .name("scaling_advisor_config_last_reload_successful")
                .help(
                        "1 if the last configuration load or reload succeeded, 0 if the previous configuration is still in force.")
                .register(registry);
        ready = Gauge.builder()
                .name("scaling_advisor_ready")
                .help("1 when the advisor is ready: configuration loaded and Prometheus answered in the last cycle.")
                .register(registry);
        initialiseOutcomes();
    }

    /** The outcomes dashboards and alerts take a rate of; an uninitialised labelled counter is not exposed at all. */
    private void initialiseOutcomes() {
        for (String outcome : new String[] {"ok", "failed", "interrupted"}) {
            cycles.initLabelValues(outcome);
        }
        reloads.initLabelValues("success");
        reloads.initLabelValues("failure");
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    void cycleFinished() {
        lastCycle.set(clock.millis() / 1000.0);
    }
}
