package dev.scalingadvisor.advisor.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.evaluation.EvaluatorSettings;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryFailure;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.rules.testing.GeneratedHistory;
import dev.scalingadvisor.rules.testing.RangesAnsweredApart;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BacktestTest {

    private static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final int STEPS = 4 * 60 * 3; // three hours: two chunks
    private static final RulePack PACK = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));
    private static final EvaluatorSettings SETTINGS =
            EvaluatorSettings.of(STEP, Duration.ofMinutes(2), JobLabels.DEFAULTS);
    private static final ScalingSettingsLookup LOOKUP = ScalingSettingsLookup.always(ScalingSettings.DEFAULTS);

    private final GeneratedHistory history = new GeneratedHistory(
            7, PACK, new WorkloadQueries(JobLabels.DEFAULTS, SETTINGS.maxSampleAge()), START, STEP, STEPS, 3);

    @Test
    void stepsPrometheusDidNotAnswerAreCountedApartFromStepsWithoutData() {
        // The 7-day benchmark's case: on a busy machine the first chunks' range queries timed out, and the command
        // said the jobs were not running.
        Prometheus timingOut = new RangesAnsweredApart(
                history,
                (promql, start, end, step) -> start.equals(START)
                        ? new QueryOutcome.Failed(new QueryFailure.TimedOut(Duration.ofSeconds(10)))
                        : history.range(promql, start, end, step),
                "timing out on the first chunk");

        BacktestReport report = new Backtest(new ScalingEvaluator(timingOut, PACK, SETTINGS), LOOKUP, j -> true, false)
                .run(START, history.at(STEPS - 1), Progress.NONE);

        BacktestReport.Unanswered unanswered = report.unanswered();
        assertThat(unanswered.steps()).isPositive();
        assertThat(unanswered.beforeFirstData())
                .as("the whole first chunk went unanswered, and nothing else")
                .isEqualTo(unanswered.steps());
        assertThat(report.firstData()).contains(START.plus(STEP.multipliedBy(unanswered.steps())));
        assertThat(unanswered.first())
                .hasValueSatisfying(first -> assertThat(first)
                        .startsWith(START + ": ")
                        .contains("Prometheus did not answer within 10000 ms (prometheus.timeout)"));
        assertThat(report.jobs()).hasSize(3);
    }

    @Test
    void aFullyAnsweredRangeHasNoUnansweredStep() {
        BacktestReport report = new Backtest(new ScalingEvaluator(history, PACK, SETTINGS), LOOKUP, j -> true, false)
                .run(START, history.at(STEPS - 1), Progress.NONE);

        assertThat(report.unanswered()).isEqualTo(new BacktestReport.Unanswered(0, 0, Optional.empty()));
        assertThat(report.firstData()).contains(START);
    }
}
