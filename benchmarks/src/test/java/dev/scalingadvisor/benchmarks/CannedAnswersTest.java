package dev.scalingadvisor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.evaluation.CycleEvaluation;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.EvaluatorSettings;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RuleStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark measures what it says: its canned answers are what the engine asks for, and they lead to decisions. */
class CannedAnswersTest {

    @Test
    void aCycleOverCannedAnswersKnowsEveryRuleOfEveryJobAndDecides() {
        RulePack pack = EvaluationCycleBenchmark.pack();
        try (CannedPrometheus server = new CannedPrometheus()) {
            CannedAnswers.install(server, new Fleet(30), pack);
            EvaluationCycleBenchmark.CountingPrometheus counting = new EvaluationCycleBenchmark.CountingPrometheus(
                    PrometheusClient.create(HttpEndpoint.open(URI.create(server.baseUrl()), Duration.ofSeconds(10))));
            ScalingEvaluator engine = new ScalingEvaluator(
                    counting, pack, EvaluatorSettings.of(Fleet.STEP, Duration.ofMinutes(2), JobLabels.DEFAULTS));
            ScalingSettingsLookup lookup = ScalingSettingsLookup.always(ScalingSettings.DEFAULTS);

            EngineState state = EngineState.EMPTY;
            CycleEvaluation cycle = null;
            Instant at = EvaluationCycleBenchmark.HISTORY_TO;
            for (int i = 0; i < 25; i++) {
                counting.startCycle();
                cycle = engine.evaluate(at.plus(Fleet.STEP.multipliedBy(i)), state, lookup, Map.of());
                counting.endCycle();
                state = cycle.state();
            }

            assertThat(pack.rules()).hasSize(6);
            assertThat(counting.perCycle()).isEqualTo(8);
            assertThat(cycle.jobs())
                    .hasSize(30)
                    .allSatisfy(job -> assertThat(job.rules()).noneMatch(r -> r.state() == RuleStatus.UNKNOWN));
            assertThat(cycle.jobs())
                    .filteredOn(job -> job.decision().direction() == Direction.UP)
                    .hasSize(10);
        }
    }
}
