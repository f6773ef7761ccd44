package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.text.Spelling;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final Gauge jobLeftStopped;
    /** The clusters and jobs last reported, so that a job that runs again drops to 0 and its series goes. */
    private final Set<ClusterName> clustersSeen = new HashSet<>();

    private final Set<List<String>> jobsShown = new HashSet<>();

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
                        "Jobs an open rescale operation may have left stopped (stop requested or savepoint taken, and no job running again yet) while the advisor waits to retry it, by cluster.")
                .labelNames("cluster")
                .register(registry);
        jobLeftStopped = Gauge.builder()
                .name("scaling_advisor_job_left_stopped")
                .help(
                        "1 for each job an open rescale operation may have left stopped, by cluster, job name and the operation's journal state; the journal and /readyz say more.")
                .labelNames("cluster", "job", "state")
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

    synchronized void leftStopped(List<JournalEntry> stopped) {
        Map<ClusterName, Integer> perCluster = new HashMap<>();
        Set<List<String>> shown = new HashSet<>();
        for (JournalEntry entry : stopped) {
            perCluster.merge(entry.plan().cluster(), 1, Integer::sum);
            shown.add(List.of(entry.plan().cluster().value(), entry.plan().job().name(), Spelling.of(entry.state())));
        }
        clustersSeen.addAll(perCluster.keySet());
        clustersSeen.forEach(c -> leftStopped.labelValues(c.value()).set(perCluster.getOrDefault(c, 0)));
        jobsShown.stream()
                .filter(labels -> !shown.contains(labels))
                .forEach(labels -> jobLeftStopped.remove(labels.toArray(String[]::new)));
        shown.forEach(labels ->
                jobLeftStopped.labelValues(labels.toArray(String[]::new)).set(1));
        jobsShown.clear();
        jobsShown.addAll(shown);
    }

    static String label(RescaleStrategy strategy) {
        return Spelling.of(strategy);
    }
}
