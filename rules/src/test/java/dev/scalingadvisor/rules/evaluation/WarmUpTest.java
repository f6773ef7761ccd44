package dev.scalingadvisor.rules.evaluation;

import static dev.scalingadvisor.rules.testing.FakePrometheus.series;
import static dev.scalingadvisor.rules.testing.FakePrometheus.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.testing.FakeFlink;
import dev.scalingadvisor.rules.testing.FakePrometheus;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code evaluate --at T} rebuilds what a daemon that had run all along would remember at T: the cases where
 * a replay of only the rules' {@code for} forgot what mattered.
 */
class WarmUpTest {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final RulePack PACK = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));
    private static final EvaluatorSettings SETTINGS =
            EvaluatorSettings.of(STEP, Duration.ofMinutes(2), JobLabels.DEFAULTS);
    private static final ScalingSettingsLookup DEFAULTS = ScalingSettingsLookup.always(ScalingSettings.DEFAULTS);

    private final FakePrometheus prometheus = new FakePrometheus();
    private final ScalingEvaluator engine = new ScalingEvaluator(prometheus, PACK, SETTINGS);

    /** One job (two vertices, healthy metrics); the default pack's signals as functions of minutes since T0. */
    private void job(DoubleUnaryOperator backpressure, DoubleUnaryOperator busy) {
        FakeFlink flink = new FakeFlink();
        FakeFlink.Job job = flink.job("j1", "orders");
        job.startedAt = T0.minus(Duration.ofDays(1));
        job.vertex("v-source", "source", 4, 40, 0);
        job.vertex("v-counter", "counter", 4, 50, 0);
        flink.into(prometheus, new WorkloadQueries(JobLabels.DEFAULTS, SETTINGS.maxSampleAge()));
        Map<String, String> labels = Map.of("job_id", "j1", "job_name", "orders");
        DoubleUnaryOperator zero = m -> 0;
        Map<String, DoubleUnaryOperator> signals =
                Map.of("backpressure", backpressure, "cpu", m -> 0.3, "lag", zero, "busy-low", busy);
        PACK.rules()
                .forEach(rule -> prometheus.answer(
                        rule.expr(),
                        at -> vector(List.of(series(
                                labels,
                                at,
                                signals.get(rule.name().value())
                                        .applyAsDouble(Duration.between(T0, at).toSeconds() / 60.0))))));
    }

    private JobEvaluation daemonAt(Instant at) {
        EngineState state = EngineState.EMPTY;
        CycleEvaluation cycle = null;
        for (Instant t = T0; !t.isAfter(at); t = t.plus(STEP)) {
            cycle = engine.evaluate(t, state, DEFAULTS, Map.of());
            state = cycle.state();
        }
        return cycle.jobs().get(0);
    }

    private JobEvaluation evaluateAt(Instant at) {
        return engine.evaluate(at, engine.rebuild(at, EngineState.EMPTY, DEFAULTS, Map.of()), DEFAULTS, Map.of())
                .jobs()
                .get(0);
    }

    @Test
    void decidesTheScaleDownOfAJobIdleForHoursAsTheDaemonDid() {
        job(m -> 0, m -> 50);
        Instant at = T0.plus(Duration.ofHours(16));

        JobEvaluation evaluated = evaluateAt(at);

        assertThat(evaluated.phase()).isEqualTo(JobPhase.DECIDED);
        assertThat(evaluated.decision().direction()).isEqualTo(Direction.DOWN);
        assertThat(evaluated.decision().changes())
                .isEqualTo(daemonAt(at).decision().changes());
    }

    @Test
    void remembersARuleThatFiredHoursAgoAndSitsBetweenClearAndThreshold() {
        // Backpressure 952 for ten minutes, then 400: below the threshold, above clear, so it keeps firing.
        job(m -> m < 10 ? 952 : 400, m -> 1000);
        Instant at = T0.plus(Duration.ofHours(20));

        WarmUp.Result warmUp = engine.warmUp(at, EngineState.EMPTY, DEFAULTS, Map.of());
        JobEvaluation evaluated =
                engine.evaluate(at, warmUp.state(), DEFAULTS, Map.of()).jobs().get(0);

        assertThat(warmUp.from()).get().satisfies(from -> assertThat(from).isBefore(T0.plus(Duration.ofMinutes(10))));
        assertThat(evaluated.rules().get(0).state()).isEqualTo(RuleStatus.FIRING);
        assertThat(daemonAt(at).rules().get(0).state()).isEqualTo(RuleStatus.FIRING);
        assertThat(warmUp.unsettled()).isEmpty();
        assertThat(warmUp.state()
                        .job(new JobId("j1"))
                        .orElseThrow()
                        .rule(new RuleName("backpressure"))
                        .status())
                .isEqualTo(RuleStatus.FIRING);
    }
}
