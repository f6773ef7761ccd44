package dev.scalingadvisor.advisor.ruletest;

import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.Problems;
import dev.scalingadvisor.core.yaml.SourceLocation;
import dev.scalingadvisor.core.yaml.ValueParsers;
import dev.scalingadvisor.core.yaml.YamlLoader;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.rules.rule.RuleStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A unit test file for rule packs, read by {@code scaling-advisor test rules}; close to {@code promtool test rules}'
 * (the same {@code rule_files}, {@code evaluation_interval}, {@code input_series} and expanding notation), with
 * expectations about what the advisor makes of them: rule states, the job's phase and its decision at given times.
 *
 * @param config             an advisor configuration whose scaling settings, labels and {@code maxSampleAge} apply
 * @param evaluationInterval the advisor's {@code evaluation.interval}
 */
public record RuleTestFile(
        Path file,
        List<RulePackSource> ruleFiles,
        Optional<Path> config,
        Duration evaluationInterval,
        List<RuleTest> tests) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

    public RuleTestFile {
        Objects.requireNonNull(file, "file");
        ruleFiles = List.copyOf(ruleFiles);
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(evaluationInterval, "evaluationInterval");
        tests = List.copyOf(tests);
    }

    /** One test: its series, sampled every {@code interval} from time 0, and what is expected when. */
    public record RuleTest(String name, Duration interval, List<InputSeries> inputSeries, List<Expectation> expect) {
        public RuleTest {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(interval, "interval");
            inputSeries = List.copyOf(inputSeries);
            expect = List.copyOf(expect);
        }
    }

    /** One series and its values in promtool's expanding notation; empty values are missing samples. */
    public record InputSeries(SeriesSelector series, List<Optional<Double>> values) {
        public InputSeries {
            Objects.requireNonNull(series, "series");
            values = List.copyOf(values);
        }
    }

    /**
     * What the advisor should make of one job at {@code evalTime} (from time 0); only what is given is checked.
     *
     * @param job    the job's name ({@code job_name}) or id ({@code job_id})
     * @param rules  rule name → its state
     * @param target the decision's target parallelism
     */
    public record Expectation(
            SourceLocation location,
            Duration evalTime,
            String job,
            Map<String, RuleStatus> rules,
            Optional<JobPhase> phase,
            Optional<Direction> decision,
            OptionalInt target) {
        public Expectation {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(evalTime, "evalTime");
            Objects.requireNonNull(job, "job");
            rules = Map.copyOf(rules);
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(target, "target");
        }
    }

    /** Reads a test file, collecting every problem (file, line, column, field) into {@code problems}. */
    public static Optional<RuleTestFile> read(Path file, Problems problems) {
        Path base = file.toAbsolutePath().getParent();
        return YamlLoader.verbatim()
                .load(file, problems)
                .flatMap(root -> MappingReader.of(root, "", problems, base))
                .flatMap(root -> {
                    List<RulePackSource> packs = root.valueList(
                            "rule_files",
                            name -> name.startsWith("builtin:")
                                    ? new RulePackSource.Builtin(name.substring("builtin:".length()))
                                    : new RulePackSource.File(base.resolve(name).normalize()));
                    if (packs.isEmpty()) {
                        root.problem("rule_files", "required: the rule packs under test (a file, or builtin:default)");
                    }
                    Optional<Path> config = root.path("config");
                    Duration interval = root.optional(
                            "evaluation_interval",
                            ValueParsers.duration(Duration.ofSeconds(1), Duration.ofHours(1)),
                            DEFAULT_INTERVAL);
                    List<RuleTest> tests = root.mappingList("tests", RuleTestFile::test);
                    if (!root.has("tests")) {
                        root.problem("tests", "required: a list of tests");
                    }
                    root.finish();
                    return problems.isEmpty()
                            ? Optional.of(new RuleTestFile(file, packs, config, interval, tests))
                            : Optional.empty();
                });
    }

    private static Optional<RuleTest> test(MappingReader test) {
        String name = test.optional("name", ValueParsers.text(), test.path());
        Duration interval = test.optional(
                "interval", ValueParsers.duration(Duration.ofSeconds(1), Duration.ofHours(1)), DEFAULT_INTERVAL);
        List<InputSeries> series = test.mappingList("input_series", RuleTestFile::inputSeries);
        List<Expectation> expect = test.mappingList("expect", RuleTestFile::expectation);
        if (!test.has("input_series")) {
            test.problem("input_series", "required: the series the rules read");
        }
        if (!test.has("expect")) {
            test.problem("expect", "required: what the advisor should make of the series, and when");
        }
        test.finish();
        return test.build(() -> new RuleTest(name, interval, series, expect));
    }

    private static Optional<InputSeries> inputSeries(MappingReader series) {
        Optional<SeriesSelector> selector = series.required("series", SeriesSelector::parse);
        Optional<List<Optional<Double>>> values = series.required("values", SeriesValues::expand);
        series.finish();
        return selector.isPresent() && values.isPresent()
                ? series.build(() -> new InputSeries(selector.get(), values.get()))
                : Optional.empty();
    }

    private static Optional<Expectation> expectation(MappingReader expect) {
        Optional<Duration> at = expect.required("eval_time", ValueParsers.duration(Duration.ZERO, Duration.ofDays(7)));
        Optional<String> job = expect.required("job", ValueParsers.text());
        Map<String, RuleStatus> rules =
                new LinkedHashMap<>(expect.valueMap("rules", ValueParsers.oneOf(RuleStatus.class)));
        Optional<JobPhase> phase = expect.optional("phase", ValueParsers.oneOf(JobPhase.class));
        Optional<Direction> decision = expect.optional("decision", ValueParsers.oneOf(Direction.class));
        Optional<Integer> target = expect.optional("target", ValueParsers.integer(1, 32768));
        expect.finish();
        if (at.isEmpty() || job.isEmpty()) {
            return Optional.empty();
        }
        return expect.build(() -> new Expectation(
                expect.location(),
                at.get(),
                job.get(),
                rules,
                phase,
                decision,
                target.map(OptionalInt::of).orElse(OptionalInt.empty())));
    }
}
