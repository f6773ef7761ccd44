package dev.scalingadvisor.testbed.prometheus;

import dev.scalingadvisor.testbed.process.Executables;
import dev.scalingadvisor.testbed.process.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code promtool}: backfilling TSDB blocks and unit-testing rule files with Prometheus' own semantics. */
public final class Promtool {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private Promtool() {}

    /**
     * Runs {@code promtool test rules} on a test file that refers to the given rule files by their names
     * (e.g. {@code rule_files: [scaling.rules.yml]}); both are written to a fresh temp dir.
     */
    public static PromtoolResult testRules(Map<String, String> ruleFilesByName, String testFileYaml) {
        Path dir = TempDirs.create("promtool-rules");
        try {
            for (Map.Entry<String, String> rule : ruleFilesByName.entrySet()) {
                Files.writeString(dir.resolve(rule.getKey()), rule.getValue());
            }
            Path testFile = dir.resolve("tests.yml");
            Files.writeString(testFile, testFileYaml);
            return run(dir, List.of("test", "rules", testFile.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write promtool rule test files to " + dir, e);
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    /** Runs {@code promtool check rules} (syntax, and lint: duplicate rules) on one rule file. */
    public static PromtoolResult checkRules(String fileName, String rulesYaml) {
        Path dir = TempDirs.create("promtool-check");
        try {
            Files.writeString(dir.resolve(fileName), rulesYaml);
            return run(dir, List.of("check", "rules", fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + fileName + " to " + dir, e);
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    /** Shorthand for one rule file named {@code rules.yml}. */
    public static PromtoolResult testRules(String rulesYaml, String testFileYaml) {
        return testRules(Map.of("rules.yml", rulesYaml), testFileYaml);
    }

    /**
     * Evaluates {@code expr} as a recording rule named {@code record} every 15 s over {@code inputSeries} (the items
     * of promtool's {@code input_series}, one {@code - series: … values: …} pair each, indented six spaces) and
     * checks that at {@code evalTime} it returns exactly the {@code expected} samples, keyed by their label set
     * (e.g. <code>{job_id="j1"}</code>). The expression's whitespace may be anything (a rule pack's folded YAML).
     */
    public static PromtoolResult testExpression(
            String record, String expr, String inputSeries, Duration evalTime, Map<String, Double> expected) {
        String rules = """
                groups:
                  - name: expression
                    rules:
                      - record: %s
                        expr: '%s'
                """.formatted(record, expr.replaceAll("\\s+", " ").replace("'", "''"));
        StringBuilder samples = new StringBuilder();
        expected.forEach((labels, value) -> samples.append("          - labels: '")
                .append(record)
                .append(labels.replace("'", "''"))
                .append("'\n            value: ")
                .append(value)
                .append('\n'));
        String test = """
                rule_files: [rules.yml]
                evaluation_interval: 15s
                tests:
                  - interval: 15s
                    input_series:
                %s    promql_expr_test:
                      - expr: %s
                        eval_time: %ds
                        exp_samples:
                %s""".formatted(inputSeries, record, evalTime.toSeconds(), samples);
        return testRules(rules, test);
    }

    /** Turns synthetic series into TSDB blocks in {@code dataDir}, which a Prometheus started on it then serves. */
    public static void backfill(List<SyntheticSeries> series, Path dataDir) {
        Path dir = TempDirs.create("backfill");
        try {
            Files.createDirectories(dataDir);
            Path input = dir.resolve("series.om");
            OpenMetricsFile.write(series, input);
            PromtoolResult result = run(
                    dir, List.of("tsdb", "create-blocks-from", "openmetrics", input.toString(), dataDir.toString()));
            if (!result.succeeded()) {
                throw new IllegalStateException("promtool could not backfill " + series.size() + " series into "
                        + dataDir + ": " + result.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare backfill into " + dataDir, e);
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    private static PromtoolResult run(Path dir, List<String> arguments) {
        Path binary = Executables.require("promtool", "prometheus");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        Path out = dir.resolve("promtool.stdout");
        Path err = dir.resolve("promtool.stderr");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("promtool " + String.join(" ", arguments) + " did not finish within "
                        + TIMEOUT.toSeconds() + " s");
            }
            return new PromtoolResult(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running promtool", e);
        }
    }
}
