package dev.scalingadvisor.rules.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.rules.decision.IneffectiveScaleUpSettings;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.policy.PolicySettings;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.rule.PolicyKind;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.rules.testing.GeneratedHistory;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replay equals live, as a property: over generated histories (random walks of the default pack's four
 * signals, gaps, NaN, missing series, stale samples, restarts, parallelism changes), a daemon that evaluated
 * every interval from the start and {@code evaluate --at T} (rebuild from history, then one cycle) reach the
 * same phase, decision, target and findings at every checked instant. Seeded and on simulated time.
 */
class ReplayEqualsLiveTest {

    private static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final RulePack PACK = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));
    private static final EvaluatorSettings SETTINGS =
            EvaluatorSettings.of(STEP, Duration.ofMinutes(2), JobLabels.DEFAULTS);
    /** The defaults, with the scale-up block shortened so that histories of hours see records come and go. */
    private static final ScalingSettings SCALING = ScalingSettings.DEFAULTS
            .with(ScalingSettings.MAX_PARALLELISM, Optional.of(12))
            .with(ScalingSettings.POLICY, PolicySettings.DEFAULTS.with(PolicySettings.KIND, PolicyKind.RATE))
            .with(
                    ScalingSettings.INEFFECTIVE_SCALE_UP,
                    IneffectiveScaleUpSettings.SECTION.with(
                            IneffectiveScaleUpSettings.DEFAULTS,
                            IneffectiveScaleUpSettings.BLOCK_FOR,
                            Duration.ofMinutes(45)));

    private static final ScalingSettingsLookup LOOKUP = ScalingSettingsLookup.always(SCALING);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void evaluateAtAnyInstantDecidesAsADaemonThatRanAllAlong(long seed) {
        int steps = 4 * 60 * 8; // eight hours
        GeneratedHistory history = new GeneratedHistory(
                seed, PACK, new WorkloadQueries(JobLabels.DEFAULTS, SETTINGS.maxSampleAge()), START, STEP, steps, 3);
        ScalingEvaluator engine = new ScalingEvaluator(history, PACK, SETTINGS);
        SplittableRandom random = new SplittableRandom(seed * 31);
        List<Integer> checked = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            checked.add(random.nextInt(steps));
        }
        checked.sort(Integer::compareTo);

        EngineState daemon = EngineState.EMPTY;
        int next = 0;
        List<String> differences = new ArrayList<>();
        int decisions = 0;
        for (int i = 0; i < steps && next < checked.size(); i++) {
            Instant at = history.at(i);
            CycleEvaluation live = engine.evaluate(at, daemon, LOOKUP, Map.of());
            daemon = live.state();
            decisions += (int) live.jobs().stream()
                    .filter(j -> !j.decision().changes().isEmpty())
                    .count();
            while (next < checked.size() && checked.get(next) == i) {
                next++;
                CycleEvaluation replayed =
                        engine.evaluate(at, engine.rebuild(at, EngineState.EMPTY, LOOKUP, Map.of()), LOOKUP, Map.of());
                differences.addAll(differences(at, live, replayed));
            }
        }

        assertThat(differences).as("seed " + seed).isEmpty();
        assertThat(decisions)
                .as("the history makes the daemon decide now and then")
                .isPositive();
    }

    private static List<String> differences(Instant at, CycleEvaluation live, CycleEvaluation replayed) {
        List<String> differences = new ArrayList<>();
        Map<String, JobEvaluation> byId = replayed.jobs().stream()
                .collect(Collectors.toMap(j -> j.job().id().value(), j -> j));
        if (!byId.keySet()
                .equals(live.jobs().stream().map(j -> j.job().id().value()).collect(Collectors.toSet()))) {
            differences.add(at + ": jobs " + live.jobs() + " vs " + replayed.jobs());
            return differences;
        }
        for (JobEvaluation daemon : live.jobs()) {
            JobEvaluation evaluate = byId.get(daemon.job().id().value());
            if (daemon.phase() != evaluate.phase()
                    || daemon.decision().direction() != evaluate.decision().direction()
                    || !daemon.decision().changes().equals(evaluate.decision().changes())
                    || !daemon.findings().equals(evaluate.findings())) {
                differences.add(at + " job " + daemon.job().id() + ": daemon "
                        + daemon.phase().spelling() + " "
                        + daemon.decision().changes() + " " + daemon.findings() + "\n"
                        + daemon.decision().explanation().render() + "\n  evaluate --at: "
                        + evaluate.phase().spelling() + " "
                        + evaluate.decision().changes() + " "
                        + evaluate.findings() + "\n"
                        + evaluate.decision().explanation().render());
            }
        }
        return differences;
    }
}
