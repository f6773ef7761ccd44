package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.text.Spelling;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** What the advisor decided, as metrics: decisions by direction and mode, jobs by phase. Bounded labels only. */
final class AdvisorMetrics {

    final Counter decisions;
    final Gauge jobs;
    final Gauge jobsWithoutFlinkFacts;
    final Counter cyclePartFailures;

    AdvisorMetrics(PrometheusRegistry registry) {
        decisions = Counter.builder()
                .name("scaling_advisor_decisions_total")
                .help(
                        "Scale decisions taken (a decision counts once, when it appears or its target changes), by direction and mode.")
                .labelNames("direction", "mode")
                .register(registry);
        for (Direction direction : new Direction[] {Direction.UP, Direction.DOWN}) {
            for (Mode mode : Mode.values()) {
                decisions.initLabelValues(direction.spelling(), Spelling.of(mode));
            }
        }
        jobs = Gauge.builder()
                .name("scaling_advisor_jobs")
                .help("Jobs seen in the last cycle, by phase (steady, stabilizing, up-candidate, …).")
                .labelNames("phase")
                .register(registry);
        jobsWithoutFlinkFacts = Gauge.builder()
                .name("scaling_advisor_jobs_without_flink_facts")
                .help(
                        "Jobs of the last cycle evaluated from Prometheus alone although Flink clusters are configured: no act mode for them.")
                .register(registry);
        cyclePartFailures = Counter.builder()
                .name("scaling_advisor_cycle_part_failures_total")
                .help(
                        "Parts of evaluation cycles that failed on their own while the rest of the cycle went on, by part (flink, evaluation, delivery, state, report, prune).")
                .labelNames("part")
                .register(registry);
        for (String part : CycleParts.PARTS) {
            cyclePartFailures.initLabelValues(part);
        }
    }
}
