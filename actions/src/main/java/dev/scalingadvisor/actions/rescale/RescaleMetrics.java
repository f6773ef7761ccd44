package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.text.Spelling;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The executor's metrics. Label values are bounded: clusters come from the configuration, strategies,
 * outcomes, guards and steps are enums.
 */
final class RescaleMetrics {

    private static final double[] SECONDS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600};

    private final Counter rescales;
    private final Counter blocked;
    private final Histogram stepDuration;
    private final Histogram downtime;
    private final Gauge inProgress;
    private final Gauge leftStopped;

    RescaleMetrics(PrometheusRegistry registry) {
        rescales = Counter.builder()
                .name("scaling_advisor_rescales_total")
                .help("Rescales by cluster, strategy (none when blocked before one was chosen) and outcome.")
                .labelNames("cluster", "strategy", "outcome")
                .register(registry);
        blocked = Counter.builder()
                .name("scaling_advisor_rescales_blocked_total")
                .help("Rescales refused by a pre-flight guard, by guard.")
                .labelNames("cluster", "guard")
                .register(registry);
        stepDuration = Histogram.builder()
                .name("scaling_advisor_rescale_step_duration_seconds")
                .help(
                        "How long each step of a finished rescale took (savepoint, stop, submit, running, restart, verify …).")
                .labelNames("strategy", "step")
                .classicOnly()
                .classicUpperBounds(SECONDS)
                .register(registry);
        downtime = Histogram.builder()
                .name("scaling_advisor_rescale_downtime_seconds")
                .help(
                        "Downtime of a rescale: stop request to all tasks running (savepoint-redeploy), or the in-place restart.")
                .labelNames("strategy")
                .classicOnly()
                .classicUpperBounds(SECONDS)
                .register(registry);
        inProgress = Gauge.builder()
                .name("scaling_advisor_rescales_in_progress")
                .help("Rescales running now, by cluster.")
                .labelNames("cluster")
                .register(registry);
        leftStopped = Gauge.builder()
                .name("scaling_advisor_jobs_left_stopped")
                .help(
                        "Jobs the advisor stopped with a savepoint and could not resubmit (see the journal and notifications), by cluster.")
                .labelNames("cluster")
                .register(registry);
    }

    void started(ClusterName cluster) {
        inProgress.labelValues(cluster.value()).inc();
    }

    void ended(ClusterName cluster) {
        inProgress.labelValues(cluster.value()).dec();
    }

    void outcome(ClusterName cluster, RescaleOutcome outcome) {
        String strategy =
                outcome.subject().strategy().map(RescaleMetrics::label).orElse("none");
        rescales.labelValues(cluster.value(), strategy, outcome.kind().metricLabel())
                .inc();
        if (outcome instanceof RescaleOutcome.Blocked refused) {
            blocked.labelValues(cluster.value(), Spelling.of(refused.guard())).inc();
        }
        StepTimings timings = outcome.timings();
        timings.durations()
                .forEach((step, duration) ->
                        stepDuration.labelValues(strategy, Spelling.of(step)).observe(duration.toMillis() / 1000.0));
        if (outcome.kind() == RescaleEventKind.SUCCEEDED) {
            timings.downtime().ifPresent(d -> downtime.labelValues(strategy).observe(d.toMillis() / 1000.0));
        }
    }

    void leftStopped(ClusterName cluster, int jobs) {
        leftStopped.labelValues(cluster.value()).set(jobs);
    }

    static String label(RescaleStrategy strategy) {
        return Spelling.of(strategy);
    }
}
