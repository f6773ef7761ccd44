package dev.scalingadvisor.advisor.cycle;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;

/** What the advisor decided, as metrics: decisions by direction and mode, jobs by phase. Bounded labels only. */
final class AdvisorMetrics {

    final Counter decisions;
    final Gauge jobs;
    final Gauge jobsWithoutFlinkFacts;

    AdvisorMetrics(CollectorRegistry registry) {
        decisions = Counter.build(
                        "scaling_advisor_decisions_total",
                        "Scale decisions taken (a decision counts once, when it appears or its target changes), by direction and mode.")
                .labelNames("direction", "mode")
                .register(registry);
        jobs = Gauge.build(
                        "scaling_advisor_jobs",
                        "Jobs seen in the last cycle, by phase (steady, stabilizing, up-candidate, …).")
                .labelNames("phase")
                .register(registry);
        jobsWithoutFlinkFacts = Gauge.build(
                        "scaling_advisor_jobs_without_flink_facts",
                        "Jobs of the last cycle evaluated from Prometheus alone although Flink clusters are configured: no act mode for them.")
                .register(registry);
    }
}
