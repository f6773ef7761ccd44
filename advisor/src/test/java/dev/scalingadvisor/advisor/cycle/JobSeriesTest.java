package dev.scalingadvisor.advisor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.core.testing.MetricValues;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.RuleReport;
import dev.scalingadvisor.rules.explain.Explanation;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.testing.TestRules;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class JobSeriesTest {

    private static final JobRef ORDERS = new JobRef(new JobId("a1"), "orders");
    private static final Rule BACKPRESSURE = TestRules.backpressure("x", Duration.ofMinutes(5));
    private static final Instant DECIDED_AT = Instant.parse("2026-03-01T10:00:00Z");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private int pausesInForce;
    private final JobSeries series = new JobSeries(registry, () -> pausesInForce);
    private final MetricValues metrics = MetricValues.of(registry);

    @Test
    void showsCurrentAndRecommendedParallelismPerJobAndPerChangingVertex() {
        series.update(List.of(row(decidedUp(), List.of())), List.of(BACKPRESSURE));

        assertThat(orders("scaling_advisor_job_parallelism").orElse(0)).isEqualTo(2);
        assertThat(orders("scaling_advisor_job_recommended_parallelism").orElse(0))
                .isEqualTo(4);
        assertThat(orders("scaling_advisor_vertex_recommended_parallelism", "vertex_id", "v1", "vertex", "counter")
                        .orElse(0))
                .isEqualTo(4);
        assertThat(orders("scaling_advisor_vertex_parallelism", "vertex_id", "v0", "vertex", "source"))
                .as("a vertex the decision leaves alone has no vertex series")
                .isEmpty();
        assertThat(orders("scaling_advisor_job_phase", "phase", "decided").orElse(0))
                .isEqualTo(1);
        assertThat(orders("scaling_advisor_job_info", "cluster", "prod", "mode", "act")
                        .orElse(0))
                .isEqualTo(1);
        assertThat(orders("scaling_advisor_job_last_decision_timestamp_seconds").orElse(0))
                .isEqualTo(DECIDED_AT.getEpochSecond());
    }

    @Test
    void showsEachRulesValueStateAndThresholdsButNoValueWhileUnknown() {
        RuleReport firing = report(RuleStatus.FIRING, Optional.of(952.0));
        series.update(List.of(row(decidedUp(), List.of(firing))), List.of(BACKPRESSURE));

        assertThat(orders("scaling_advisor_rule_value", "rule", "backpressure").orElse(0))
                .isEqualTo(952);
        assertThat(orders("scaling_advisor_rule_state", "rule", "backpressure", "state", "firing")
                        .orElse(0))
                .isEqualTo(1);
        assertThat(backpressureThreshold("fire")).isEqualTo(500);
        assertThat(backpressureThreshold("clear")).isEqualTo(300);

        series.update(List.of(row(decidedUp(), List.of(report(RuleStatus.UNKNOWN, Optional.empty())))), List.of());

        assertThat(orders("scaling_advisor_rule_value", "rule", "backpressure"))
                .as("an unknown rule has no value: never a 0 a dashboard would read as low")
                .isEmpty();
        assertThat(orders("scaling_advisor_rule_state", "rule", "backpressure", "state", "firing"))
                .as("only the state the rule is in")
                .isEmpty();
        assertThat(orders("scaling_advisor_rule_state", "rule", "backpressure", "state", "unknown")
                        .orElse(0))
                .isEqualTo(1);
    }

    @Test
    void countsFindingsByKindAndForgetsAJobThatIsGone() {
        JobEvaluation skewed = new JobEvaluation(
                ORDERS,
                JobPhase.UP_CANDIDATE,
                JobPhase.STEADY,
                List.of(),
                Decision.none(2, new Explanation(List.of())),
                List.of(new Finding.Skew("v1", "counter", 900, 300, 2), new Finding.Skew("v2", "sink", 900, 300, 2)));
        series.update(List.of(row(skewed, List.of())), List.of());

        assertThat(orders("scaling_advisor_job_findings", "kind", "skew").orElse(0))
                .isEqualTo(2);

        series.update(List.of(), List.of());

        assertThat(orders("scaling_advisor_job_phase", "phase", "up-candidate")).isEmpty();
        assertThat(orders("scaling_advisor_job_findings", "kind", "skew")).isEmpty();
    }

    @Test
    void showsWhichJobsAPauseHoldsAndHowManyPausesAreInForce() {
        series.update(List.of(row(decidedUp(), List.of())), List.of());
        assertThat(orders("scaling_advisor_job_paused").orElse(-1)).isEqualTo(0);
        assertThat(metrics.value("scaling_advisor_pauses")).isEqualTo(0);

        pausesInForce = 2;
        JobSeries.Row paused = row(decidedUp(), List.of());
        series.update(
                List.of(new JobSeries.Row(
                        paused.evaluation(), paused.cluster(), paused.mode(), paused.lastDecision(), true)),
                List.of());

        assertThat(orders("scaling_advisor_job_paused").orElse(-1)).isEqualTo(1);
        assertThat(metrics.value("scaling_advisor_pauses"))
                .as("read at scrape time")
                .isEqualTo(2);
    }

    private double backpressureThreshold(String kind) {
        return metrics.value(
                "scaling_advisor_rule_threshold", "rule", "backpressure", "direction", "up", "threshold", kind);
    }

    /** A series of job a1 "orders", by name and the labels after job_id and job_name. */
    private OptionalDouble orders(String name, String... labels) {
        String[] all = new String[labels.length + 4];
        all[0] = "job_id";
        all[1] = "a1";
        all[2] = "job_name";
        all[3] = "orders";
        System.arraycopy(labels, 0, all, 4, labels.length);
        return metrics.find(name, all);
    }

    private static JobSeries.Row row(JobEvaluation evaluation, List<RuleReport> rules) {
        JobEvaluation withRules = new JobEvaluation(
                evaluation.job(),
                evaluation.phase(),
                evaluation.previousPhase(),
                rules,
                evaluation.decision(),
                evaluation.findings());
        return new JobSeries.Row(
                withRules, Optional.of(new ClusterName("prod")), "act", Optional.of(DECIDED_AT), false);
    }

    private static JobEvaluation decidedUp() {
        Decision decision = new Decision(
                Direction.UP,
                2,
                ParallelismChanges.of(new ParallelismChange(new VertexId("v1"), "counter", 2, 4)),
                new Explanation(List.of()));
        return new JobEvaluation(ORDERS, JobPhase.DECIDED, JobPhase.UP_CANDIDATE, List.of(), decision, List.of());
    }

    private static RuleReport report(RuleStatus state, Optional<Double> value) {
        return new RuleReport(
                new RuleName("backpressure"),
                RuleDirection.UP,
                state,
                value,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
