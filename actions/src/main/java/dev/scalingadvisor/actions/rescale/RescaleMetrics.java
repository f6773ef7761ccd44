package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.text.Spelling;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;

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

    RescaleMetrics(CollectorRegistry registry) {
        rescales = Counter.build(
                        "scaling_advisor_rescales_total",
                        "Rescales by cluster, strategy (none when blocked before one was chosen) and outcome.")
                .labelNames("cluster", "strategy", "outcome")
                .register(registry);
        blocked = Counter.build(
                        "scaling_advisor_rescales_blocked_total", "Rescales refused by a pre-flight guard, by guard.")
                .labelNames("cluster", "guard")
                .register(registry);
        stepDuration = Histogram.build(
                        "scaling_advisor_rescale_step_duration_seconds",
                        "How long each step of a finished rescale took (savepoint, stop, submit, running, restart, verify …).")
                .labelNames("strategy", "step")
                .buckets(SECONDS)
                .register(registry);
        downtime = Histogram.build(
                        "scaling_advisor_rescale_downtime_seconds",
                        "Downtime of a rescale: stop request to all tasks running (savepoint-redeploy), or the in-place restart.")
                .labelNames("strategy")
                .buckets(SECONDS)
                .register(registry);
        inProgress = Gauge.build("scaling_advisor_rescales_in_progress", "Rescales running now, by cluster.")
                .labelNames("cluster")
                .register(registry);
        leftStopped = Gauge.build(
                        "scaling_advisor_jobs_left_stopped",
                        "Jobs the advisor stopped with a savepoint and could not resubmit (see the journal and notifications), by cluster.")
                .labelNames("cluster")
                .register(registry);
    }

    void started(ClusterName cluster) {
        inProgress.labels(cluster.value()).inc();
    }

    void ended(ClusterName cluster) {
        inProgress.labels(cluster.value()).dec();
    }

    void outcome(ClusterName cluster, RescaleOutcome outcome) {
        String strategy =
                outcome.subject().strategy().map(RescaleMetrics::label).orElse("none");
        rescales.labels(cluster.value(), strategy, outcome.kind().metricLabel()).inc();
        if (outcome instanceof RescaleOutcome.Blocked refused) {
            blocked.labels(cluster.value(), Spelling.of(refused.guard())).inc();
        }
        StepTimings timings = outcome.timings();
        timings.durations()
                .forEach((step, duration) ->
                        stepDuration.labels(strategy, Spelling.of(step)).observe(duration.toMillis() / 1000.0));
        if (outcome.kind() == RescaleEventKind.SUCCEEDED) {
            timings.downtime().ifPresent(d -> downtime.labels(strategy).observe(d.toMillis() / 1000.0));
        }
    }

    void leftStopped(ClusterName cluster, int jobs) {
        leftStopped.labels(cluster.value()).set(jobs);
    }

    static String label(RescaleStrategy strategy) {
        return Spelling.of(strategy);
    }
}
