package dev.scalingadvisor.rules.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.testing.FakeFlink;
import dev.scalingadvisor.rules.testing.FakePrometheus;
import dev.scalingadvisor.rules.testing.TestRules;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private CycleEvaluation decidedCycle() {
        Rule backpressure = TestRules.backpressure("bp", Duration.ZERO);
        FakePrometheus prometheus = new FakePrometheus();
        FakeFlink flink = new FakeFlink();
        FakeFlink.Job job = flink.job("a1b2", "orders");
        job.vertex("v1", "source", 2, 48, 952);
        job.vertex("v2", "counter", 2, 400, 0).hottest = 950; // more than twice the average: a hot key
        flink.into(prometheus, new WorkloadQueries(JobLabels.DEFAULTS, Duration.ofMinutes(2)));
        prometheus.answer(
                "bp",
                at -> FakePrometheus.vector(
                        List.of(FakePrometheus.series(Map.of("job_id", "a1b2", "job_name", "orders"), at, 952))));
        ScalingEvaluator engine = new ScalingEvaluator(
                prometheus,
                new RulePack(List.of(backpressure)),
                EvaluatorSettings.of(Duration.ofSeconds(15), Duration.ofMinutes(2), JobLabels.DEFAULTS));
        return engine.evaluate(T0, EngineState.EMPTY, ScalingSettingsLookup.always(ScalingSettings.DEFAULTS), Map.of());
    }

    @Test
    void jsonHasTheContractedFieldNames() throws Exception {
        JsonNode root = new ObjectMapper().readTree(EvaluationReport.json(decidedCycle()));

        JsonNode job = root.path("jobs").path(0);
        assertThat(job.path("jobId").asText()).isEqualTo("a1b2");
        assertThat(job.path("jobName").asText()).isEqualTo("orders");
        assertThat(job.path("rules").path(0).path("name").asText()).isEqualTo("backpressure");
        assertThat(job.path("rules").path(0).path("state").asText()).isEqualTo("firing");
        assertThat(job.path("rules").path(0).path("value").asDouble()).isEqualTo(952.0);
        JsonNode decision = job.path("decision");
        assertThat(decision.path("direction").asText()).isEqualTo("none");
        assertThat(decision.path("currentParallelism").asInt()).isEqualTo(2);
        assertThat(decision.path("targetParallelism").asInt()).isEqualTo(2);
        assertThat(decision.path("explanation").asText()).contains("blocked by skew");
        assertThat(decision.path("reasons").path(0).path("kind").asText()).isEqualTo("rule-fired");
        assertThat(decision.path("reasons").path(0).path("value").asDouble()).isEqualTo(952.0);
        assertThat(job.path("findings").path(0).path("kind").asText()).isEqualTo("skew");
        assertThat(job.path("findings").path(0).has("type"))
                .as("no Java type name beside the kind")
                .isFalse();
        assertThat(job.path("findings").path(0).path("text").asText()).contains("salting");
        assertThat(root.path("prometheus").path("queries").asInt()).isEqualTo(3);
    }

    @Test
    void textShowsRulesDecisionAndFindings() {
        String text = EvaluationReport.text(decidedCycle());

        assertThat(text)
                .contains(
                        "job orders (a1b2): up-candidate, decision none at parallelism 2",
                        "  rule backpressure: firing 952",
                        "  - up-rule backpressure fired: 952 (value 952, above 500 (clear 300), held 0s, for 0s)",
                        "  finding skew: skew in vertex counter");
    }
}
