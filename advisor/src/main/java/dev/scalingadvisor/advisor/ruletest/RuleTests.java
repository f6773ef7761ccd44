package dev.scalingadvisor.advisor.ruletest;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.EvaluationSettings;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.evaluation.CycleEvaluation;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.EvaluatorSettings;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.RuleReport;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.rule.RulePack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the tests of a {@link RuleTestFile}: for each test, a real Prometheus serves its input series and the
 * advisor's engine runs every {@code evaluation_interval} from time 0 exactly as the daemon does (rule timers,
 * stabilization, cooldowns; jobs judged from Prometheus alone), and at each {@code eval_time} what it made of
 * the job is compared with what the test expects.
 */
public final class RuleTests {

    /** A test's time 0: a fixed instant, so failures read the same on every run. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final RulePack pack;
    private final Duration interval;
    private final Duration maxSampleAge;
    private final JobLabels labels;
    private final ScalingSettingsLookup scaling;

    /** @param config the configuration whose scaling settings, labels and {@code maxSampleAge} apply, if any */
    public RuleTests(RulePack pack, Duration evaluationInterval, Optional<AdvisorConfig> config) {
        this.pack = pack;
        this.interval = evaluationInterval;
        this.maxSampleAge =
                config.map(c -> c.evaluation().maxSampleAge()).orElse(EvaluationSettings.DEFAULTS.maxSampleAge());
        this.labels = config.map(c -> c.rules().labels()).orElse(JobLabels.DEFAULTS);
        this.scaling = config.<ScalingSettingsLookup>map(
                        c -> job -> c.settingsFor(Optional.empty(), job).scaling())
                .orElse(job -> ScalingSettings.DEFAULTS);
    }

    /** One test's outcome: what went wrong, one line each; empty when it passed. */
    public record Outcome(String test, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    public Outcome run(RuleTestFile.RuleTest test) throws BackfilledPrometheus.Unavailable {
        Map<SeriesSelector, TreeMap<Instant, Double>> series = new HashMap<>();
        for (RuleTestFile.InputSeries input : test.inputSeries()) {
            TreeMap<Instant, Double> samples = series.computeIfAbsent(input.series(), s -> new TreeMap<>());
            for (int i = 0; i < input.values().size(); i++) {
                Instant at = START.plus(test.interval().multipliedBy(i));
                input.values().get(i).ifPresent(v -> samples.put(at, v));
            }
        }
        series.values().removeIf(TreeMap::isEmpty);
        List<String> failures = new ArrayList<>();
        try (BackfilledPrometheus prometheus = BackfilledPrometheus.start(series)) {
            ScalingEvaluator engine = new ScalingEvaluator(
                    PrometheusClient.create(HttpEndpoint.open(prometheus.url(), Duration.ofSeconds(30))),
                    pack,
                    EvaluatorSettings.of(interval, maxSampleAge, labels));
            TreeSet<Duration> times = new TreeSet<>();
            Duration last = test.expect().stream()
                    .map(RuleTestFile.Expectation::evalTime)
                    .max(Duration::compareTo)
                    .orElse(Duration.ZERO);
            for (Duration t = Duration.ZERO; t.compareTo(last) <= 0; t = t.plus(interval)) {
                times.add(t);
            }
            test.expect().forEach(e -> times.add(e.evalTime()));
            EngineState state = engine.rebuild(START, EngineState.EMPTY, scaling, Map.of());
            for (Duration t : times) {
                CycleEvaluation cycle = engine.evaluate(START.plus(t), state, scaling, Map.of());
                state = cycle.state();
                cycle.prometheus().problem().ifPresent(p -> failures.add("at " + format(t) + ": Prometheus: " + p));
                cycle.ruleProblems()
                        .forEach(p -> failures.add(
                                "at " + format(t) + ": rule " + p.rule().name() + ": " + p.problem()));
                for (RuleTestFile.Expectation expectation : test.expect()) {
                    if (expectation.evalTime().equals(t)) {
                        failures.addAll(check(expectation, cycle));
                    }
                }
            }
        }
        return new Outcome(test.name(), failures.stream().distinct().toList());
    }

    private static List<String> check(RuleTestFile.Expectation expected, CycleEvaluation cycle) {
        String where = "at " + format(expected.evalTime()) + " (" + expected.location() + "), job " + expected.job();
        Optional<JobEvaluation> found = cycle.jobs().stream()
                .filter(j -> j.job().name().equals(expected.job())
                        || j.job().id().value().equals(expected.job()))
                .findFirst();
        if (found.isEmpty()) {
            return List.of(where + ": no such job in the evaluation; jobs: "
                    + cycle.jobs().stream().map(j -> j.job().name()).toList());
        }
        JobEvaluation job = found.get();
        List<String> failures = new ArrayList<>();
        expected.rules().forEach((rule, state) -> {
            Optional<RuleReport> report = job.rules().stream()
                    .filter(r -> r.name().value().equals(rule))
                    .findFirst();
            if (report.isEmpty()) {
                failures.add(where + ": no rule " + rule + " in the packs");
            } else if (report.get().state() != state) {
                failures.add(
                        where + ": rule " + rule + " is " + describe(report.get()) + ", expected " + state.spelling());
            }
        });
        expected.phase()
                .filter(phase -> phase != job.phase())
                .ifPresent(phase -> failures.add(
                        where + ": phase is " + job.phase().spelling() + ", expected " + phase.spelling()));
        Direction direction = job.decision().direction();
        expected.decision()
                .filter(d -> d != direction)
                .ifPresent(d -> failures.add(where + ": decision is " + decision(job) + ", expected " + d.spelling()));
        expected.target().ifPresent(target -> {
            if (direction == Direction.NONE || job.decision().targetParallelism() != target) {
                failures.add(where + ": decision is " + decision(job) + ", expected target " + target);
            }
        });
        return failures;
    }

    private static String describe(RuleReport report) {
        return report.state().spelling()
                + report.value().map(v -> " (value " + v + ")").orElse(" (no value)");
    }

    private static String decision(JobEvaluation job) {
        return job.decision().direction() == Direction.NONE
                ? "none (" + job.phase().spelling() + ")"
                : Spelling.of(job.decision().direction()) + " " + job.decision().currentParallelism() + " → "
                        + job.decision().targetParallelism();
    }

    private static String format(Duration t) {
        return t.isZero() ? "0s" : PrometheusDurations.format(t);
    }
}
