package dev.scalingadvisor.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalingadvisor.core.yaml.InvalidInputException;
import dev.scalingadvisor.core.yaml.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePackLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheDefaultPackWithItsFourSignals() {
        RulePack pack = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));

        assertThat(pack.rules())
                .extracting(r -> r.name().value())
                .containsExactly("backpressure", "cpu", "lag", "busy-low");
        Rule backpressure = pack.rule(new RuleName("backpressure")).orElseThrow();
        assertThat(backpressure.threshold()).isEqualTo(new Threshold(Threshold.Comparison.ABOVE, 500, 300));
        assertThat(backpressure.forDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(backpressure.expr()).contains("avg by (job_id, job_name, task_id, task_name)");
        assertThat(pack.rule(new RuleName("lag")).orElseThrow().sizing()).contains(PolicyKind.LAG);
        assertThat(pack.rule(new RuleName("lag")).orElseThrow().expr())
                .contains("deriv(")
                .doesNotContain("rate(");
        Rule busyLow = pack.rule(new RuleName("busy-low")).orElseThrow();
        assertThat(busyLow.direction()).isEqualTo(RuleDirection.DOWN);
        assertThat(busyLow.threshold()).isEqualTo(new Threshold(Threshold.Comparison.BELOW, 200, 300));
        assertThat(busyLow.forDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(pack.memory()).isEqualTo(Duration.ofMinutes(30));
        assertThat(backpressure.origin().expr().toString()).startsWith("rulepacks/default.yaml:");
    }

    @Test
    void readsEveryFieldOfARule() throws IOException {
        Path file = write("""
                rules:
                  - name: hot
                    signal: custom
                    direction: up
                    expr: max by (job_id) (my_metric)
                    above: 10
                    clear: 5
                    for: 2m
                    keepFiringFor: 1m
                    sizing: rate
                    summary: "hot at {{ $value }} in {{ job }}"
                """);

        Rule rule = RulePackLoader.load(List.of(new RulePackSource.File(file)))
                .rules()
                .get(0);

        assertThat(rule.signal()).isEqualTo(Signal.CUSTOM);
        assertThat(rule.keepFiringFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(rule.sizing()).contains(PolicyKind.RATE);
        assertThat(rule.summary().render(12.345, rule.threshold(), "orders", "", java.util.Map.of()))
                .isEqualTo("hot at 12.3 in orders");
        assertThat(rule.origin().expr().line()).isEqualTo(5);
        assertThat(rule.origin().path()).isEqualTo("rules[0]");
    }

    @Test
    void clearDefaultsToTheFiringThresholdAsInPrometheus() throws IOException {
        Path file = write("""
                rules:
                  - {name: a, signal: cpu, direction: up, expr: up, above: 0.8}
                """);

        assertThat(RulePackLoader.load(List.of(new RulePackSource.File(file)))
                        .rules()
                        .get(0)
                        .threshold())
                .isEqualTo(new Threshold(Threshold.Comparison.ABOVE, 0.8, 0.8));
    }

    @Test
    void reportsEveryProblemWithFileLineAndColumn() throws IOException {
        Path file = write("""
                rules:
                  - name: backpressure
                    signal: backpressure
                    direction: up
                    expr: up
                    above: 500
                    clear: 600
                    for: 5 minutes
                    sumary: "x"
                  - name: backpressure
                    signal: pressure
                    direction: sideways
                    expr: up
                    below: 1
                    above: 2
                  - name: c
                    signal: cpu
                    direction: down
                    expr: up
                    below: 200
                    clear: 100
                    summary: "{{ valeu }}"
                """);

        assertProblems(new RulePackSource.File(file))
                .containsExactly(
                        file
                                + ":7:12: rules[0].clear: clear 600 is above the firing threshold (above: 500): the rule"
                                + " would clear while its condition still holds; for an above-rule clear must be at most 500",
                        file
                                + ":8:10: rules[0].for: not a duration: \"5 minutes\" (write it as Prometheus does: 30s, 5m, 1h30m, 2d)",
                        file + ":9:5: rules[0].sumary: unknown key (did you mean \"summary\"?)",
                        file
                                + ":11:13: rules[1].signal: \"pressure\" is not one of: backpressure, cpu, lag, busy, idle, custom",
                        file + ":12:16: rules[1].direction: \"sideways\" is not one of: up, down",
                        file + ":14:12: rules[1].below: set either above or below, not both",
                        file
                                + ":21:12: rules[2].clear: clear 100 is below the firing threshold (below: 200): the rule"
                                + " would clear while its condition still holds; for a below-rule clear must be at least 200",
                        file
                                + ":22:14: rules[2].summary: unknown placeholder {{ valeu }} in summary (known: value,"
                                + " threshold, clear, job, vertex, labels.NAME)");
    }

    @Test
    void reportsDuplicateNamesWithinAndAcrossPacks() throws IOException {
        Path first = write("a.yaml", """
                rules:
                  - {name: x, signal: cpu, direction: up, expr: up, above: 1}
                  - {name: x, signal: cpu, direction: up, expr: up, above: 1}
                """);
        Path second = write("b.yaml", """
                rules:
                  - {name: backpressure, signal: cpu, direction: up, expr: up, above: 1}
                """);

        assertProblems(RulePackSource.Builtin.DEFAULT, new RulePackSource.File(first), new RulePackSource.File(second))
                .containsExactly(
                        first + ":3:5: rules[1].name: another rule is already named \"x\" (" + first + ":2:5)",
                        second + ":2:5: rules[0].name: another rule is already named \"backpressure\""
                                + " (rulepacks/default.yaml:" + backpressureLine()
                                + ":5); names must be unique across all packs");
    }

    @Test
    void recognisesAPrometheusRuleFile() throws IOException {
        Path file = write("""
                groups:
                  - name: flink
                    rules: []
                """);

        assertThatThrownBy(() -> RulePackLoader.load(List.of(new RulePackSource.File(file))))
                .hasMessage(file + ":1:1: rules: required; this looks like a Prometheus rule file (groups:), write the"
                        + " rules under a top-level rules: list");
    }

    @Test
    void reportsAMissingFileAndRequiredFields() throws IOException {
        Path file = write("rules:\n  - name: a\n");

        assertProblems(new RulePackSource.File(dir.resolve("nope.yaml")), new RulePackSource.File(file))
                .contains(
                        dir.resolve("nope.yaml") + ": file not found",
                        file + ":2:5: rules[0].signal: required",
                        file
                                + ":2:5: rules[0].above: required: above (fire on high values) or below (fire on low values)");
    }

    private int backpressureLine() {
        String text = RulePackLoader.builtinText("rulepacks/default.yaml");
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("- name: backpressure")) {
                return i + 1;
            }
        }
        throw new AssertionError("no backpressure rule in the default pack");
    }

    @Test
    void refusesAPrometheusStyleComparisonAtTheTopLevelOfExprWithALocatedMessage() throws IOException {
        Path file = write("""
                rules:
                  - name: busy-low
                    signal: busy
                    direction: down
                    expr: max by (job_id) (flink_taskmanager_job_task_busyTimeMsPerSecond) < 200
                    below: 200
                  - name: filtered-inside
                    signal: custom
                    direction: up
                    expr: max by (job_id) (my_metric > 0) > bool 0
                    above: 0.5
                  - name: wrapped
                    signal: custom
                    direction: up
                    expr: |
                      (
                        sum by (job_id) (my_metric{mode!="idle", path=~"a|>b"})
                          >= 3
                      )
                    above: 0
                """);

        assertProblems(new RulePackSource.File(file))
                .containsExactly(
                        file + ":5:11: rules[0].expr: top-level comparison \"< 200\" without bool: in"
                                + " PromQL it drops every series where it is false, so below the"
                                + " threshold the rule has no data (unknown, never low) and blocks every"
                                + " scale-down; drop \"< 200\" and write below: 200 (with clear: for"
                                + " hysteresis), or compare with \"< bool\"",
                        file + ":15:11: rules[2].expr: top-level comparison \">= 3\" without bool: in"
                                + " PromQL it drops every series where it is false, so below the"
                                + " threshold the rule has no data (unknown, never low) and blocks every"
                                + " scale-down; drop \">= 3\" and write above: 3 (with clear: for"
                                + " hysteresis), or compare with \">= bool\"");
    }

    @Test
    void findsOnlyComparisonsAtTheTopLevel() {
        assertThat(TopLevelComparison.in("up == 1")).contains(new TopLevelComparison.Found("==", "1"));
        assertThat(TopLevelComparison.in("a > on (job_id) group_left b"))
                .contains(new TopLevelComparison.Found(">", "on (job_id) group_left b"));
        assertThat(TopLevelComparison.in("a != bool 0")).isEmpty();
        assertThat(TopLevelComparison.in("a >bool 0")).isEmpty();
        assertThat(TopLevelComparison.in("a > boolean_metric")).isPresent();
        assertThat(TopLevelComparison.in("max(a > 0) * 2")).isEmpty();
        assertThat(TopLevelComparison.in("rate(x{le=\">1\", a!=\"b\"}[5m]) # > not code"))
                .isEmpty();
        assertThat(TopLevelComparison.in("(a) / (b) <= 0.5")).isPresent();
        assertThat(TopLevelComparison.in("label_replace(a, \"x\", \"$1\", \"y\", \"(.*)>\")"))
                .isEmpty();
    }

    @Test
    void acceptsPrometheusKeepFiringForAsAnAliasButNotBothSpellings() throws IOException {
        Path alias = write("alias.yaml", """
                rules:
                  - {name: a, signal: cpu, direction: up, expr: up, above: 0.8, keep_firing_for: 2m}
                """);
        Path both = write("both.yaml", """
                rules:
                  - {name: a, signal: cpu, direction: up, expr: up, above: 0.8, keep_firing_for: 2m, keepFiringFor: 1m}
                """);

        assertThat(RulePackLoader.load(List.of(new RulePackSource.File(alias)))
                        .rules()
                        .get(0)
                        .keepFiringFor())
                .isEqualTo(Duration.ofMinutes(2));
        assertProblems(new RulePackSource.File(both))
                .singleElement()
                .asString()
                .contains("rules[0].keep_firing_for: keep_firing_for is Prometheus' spelling");
    }

    private Path write(String text) throws IOException {
        return write("pack.yaml", text);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** An assertion on the problems loading {@code sources} reports, as its error lists them; fails when it loads. */
    private static ListAssert<String> assertProblems(RulePackSource... sources) {
        try {
            RulePackLoader.load(List.of(sources));
        } catch (InvalidInputException e) {
            return assertThat(e.problems().stream().map(Problem::toString).toList());
        }
        throw new AssertionError("loading " + List.of(sources) + " succeeded");
    }
}
