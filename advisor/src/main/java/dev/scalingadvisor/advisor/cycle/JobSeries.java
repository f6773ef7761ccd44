package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.RuleReport;
import dev.scalingadvisor.rules.rule.Rule;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * The per-job series on {@code /metrics}: what each job runs at and what the advisor recommends, each rule's
 * value and state, the job's phase, mode, pause, last decision and findings. They are read at
 * scrape time from the last cycle's picture, so a job that is gone (or resubmitted under a new id) disappears
 * from the next scrape instead of leaving stale series. Cardinality: one series per job for each job-level
 * family, one per job and rule for the rule families, one per changing vertex for the vertex families
 * (docs/metrics.md).
 */
final class JobSeries {

    /** One job as the last cycle saw it. */
    record Row(
            JobEvaluation evaluation,
            Optional<ClusterName> cluster,
            String mode,
            Optional<Instant> lastDecision,
            boolean paused) {
        Row {
            Objects.requireNonNull(evaluation, "evaluation");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(lastDecision, "lastDecision");
        }

        String id() {
            return evaluation.job().id().value();
        }

        String name() {
            return evaluation.job().name();
        }
    }

    private volatile List<Row> rows = List.of();
    private volatile List<Rule> rules = List.of();

    /** @param pausesHolding how many pauses hold now, read at scrape time */
    JobSeries(PrometheusRegistry registry, IntSupplier pausesHolding) {
        GaugeWithCallback.builder()
                .name("scaling_advisor_pauses")
                .help("Pauses in force (scaling-advisor pause), whether or not a job of the last cycle matches them.")
                .callback(out -> out.call(pausesHolding.getAsInt()))
                .register(registry);
        gauge(
                registry,
                "scaling_advisor_job_info",
                "Each job the advisor evaluated in its last cycle; always 1. The cluster is 'default' when none reports it.",
                perRow((row, out) ->
                        out.call(1, row.id(), row.name(), ClusterName.spelling(row.cluster()), row.mode())),
                "job_id",
                "job_name",
                "cluster",
                "mode");
        gauge(
                registry,
                "scaling_advisor_job_paused",
                "1 while a pause (scaling-advisor pause) holds the job: its decisions are neither sent nor carried out; else 0.",
                perRow((row, out) -> out.call(row.paused() ? 1 : 0, row.id(), row.name())),
                "job_id",
                "job_name");
        gauge(
                registry,
                "scaling_advisor_job_phase",
                "The job's phase in the last cycle: 1 for the phase it is in (steady, stabilizing, up-candidate, down-candidate, decided, cooldown).",
                perRow((row, out) -> out.call(
                        1, row.id(), row.name(), row.evaluation().phase().spelling())),
                "job_id",
                "job_name",
                "phase");
        // The job-level pair is the decision's headline (the "from → to" messages show: the changing vertex with the
        // highest parallelism), and the job's widest vertex while there is no decision; the vertex families are exact.
        gauge(
                registry,
                "scaling_advisor_job_parallelism",
                "The job's parallelism in the last cycle: the widest vertex's, or the decision's headline 'from' while there is a decision; absent while unknown.",
                perKnownParallelism(Decision::currentParallelism),
                "job_id",
                "job_name");
        gauge(
                registry,
                "scaling_advisor_job_recommended_parallelism",
                "The parallelism the advisor recommends: the decision's headline 'to', or the current parallelism when there is no decision; absent while unknown.",
                perKnownParallelism(Decision::targetParallelism),
                "job_id",
                "job_name");
        gauge(
                registry,
                "scaling_advisor_vertex_parallelism",
                "A vertex's parallelism now, for the vertices the current decision changes.",
                perChangingVertex(ParallelismChange::from),
                "job_id",
                "job_name",
                "vertex_id",
                "vertex");
        gauge(
                registry,
                "scaling_advisor_vertex_recommended_parallelism",
                "The parallelism the current decision moves a vertex to, for the vertices it changes.",
                perChangingVertex(ParallelismChange::to),
                "job_id",
                "job_name",
                "vertex_id",
                "vertex");
        gauge(
                registry,
                "scaling_advisor_rule_value",
                "Each rule's value for the job in the last cycle; absent while the rule is unknown.",
                perRule((row, rule, out) -> rule.value()
                        .filter(Double::isFinite)
                        .ifPresent(value -> out.call(
                                value, row.id(), row.name(), rule.name().value()))),
                "job_id",
                "job_name",
                "rule");
        gauge(
                registry,
                "scaling_advisor_rule_state",
                "Each rule's state for the job: 1 for the state it is in (inactive, pending, firing, clearing, unknown).",
                perRule((row, rule, out) -> out.call(
                        1,
                        row.id(),
                        row.name(),
                        rule.name().value(),
                        rule.state().spelling())),
                "job_id",
                "job_name",
                "rule",
                "state");
        gauge(
                registry,
                "scaling_advisor_rule_threshold",
                "Each rule's thresholds, to draw its values against: fire (the rule's above/below) and clear.",
                out -> rules.forEach(rule -> {
                    String direction = Spelling.of(rule.direction());
                    out.call(rule.threshold().fire(), rule.name().value(), direction, "fire");
                    out.call(rule.threshold().clear(), rule.name().value(), direction, "clear");
                }),
                "rule",
                "direction",
                "threshold");
        gauge(
                registry,
                "scaling_advisor_job_findings",
                "Findings that hold for the job (skew, ineffective-scale-up, cpu-saturated): how many of each kind.",
                perRow((row, out) -> {
                    Map<String, Integer> byKind = new TreeMap<>();
                    for (Finding finding : row.evaluation().findings()) {
                        byKind.merge(finding.kind(), 1, Integer::sum);
                    }
                    byKind.forEach((kind, count) -> out.call(count, row.id(), row.name(), kind));
                }),
                "job_id",
                "job_name",
                "kind");
        gauge(
                registry,
                "scaling_advisor_job_last_decision_timestamp_seconds",
                "When the job's current or most recent decision (or recommendation) appeared, as a Unix timestamp; absent when there was none.",
                perRow((row, out) ->
                        row.lastDecision().ifPresent(at -> out.call(at.toEpochMilli() / 1000.0, row.id(), row.name()))),
                "job_id",
                "job_name");
    }

    /** Replaces the picture the next scrape reads. */
    void update(List<Row> rows, List<Rule> rules) {
        this.rows = List.copyOf(rows);
        this.rules = List.copyOf(rules);
    }

    private interface RowSeries {
        void write(Row row, GaugeWithCallback.Callback out);
    }

    private interface RuleSeries {
        void write(Row row, RuleReport rule, GaugeWithCallback.Callback out);
    }

    private Consumer<GaugeWithCallback.Callback> perRow(RowSeries series) {
        return out -> rows.forEach(row -> series.write(row, out));
    }

    /** A parallelism of 0 is the decision's "unknown" (no Flink REST, no task metrics yet): no series then. */
    private Consumer<GaugeWithCallback.Callback> perKnownParallelism(ToIntFunction<Decision> parallelism) {
        return perRow((row, out) -> {
            int value = parallelism.applyAsInt(row.evaluation().decision());
            if (value > 0) {
                out.call(value, row.id(), row.name());
            }
        });
    }

    private Consumer<GaugeWithCallback.Callback> perChangingVertex(ToIntFunction<ParallelismChange> parallelism) {
        return out -> rows.forEach(row -> row.evaluation()
                .decision()
                .changes()
                .changed()
                .vertices()
                .forEach(change -> out.call(
                        parallelism.applyAsInt(change),
                        row.id(),
                        row.name(),
                        change.vertex().value(),
                        change.name())));
    }

    private Consumer<GaugeWithCallback.Callback> perRule(RuleSeries series) {
        return out -> rows.forEach(row -> row.evaluation().rules().forEach(rule -> series.write(row, rule, out)));
    }

    private static void gauge(
            PrometheusRegistry registry,
            String name,
            String help,
            Consumer<GaugeWithCallback.Callback> callback,
            String... labelNames) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames(labelNames)
                .callback(callback)
                .register(registry);
    }
}
