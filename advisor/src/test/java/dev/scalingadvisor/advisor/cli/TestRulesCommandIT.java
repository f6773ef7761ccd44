package dev.scalingadvisor.advisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code test rules} on real Prometheus and promtool (Debian's): the example pack test in {@code examples/} passes,
 * and a wrong expectation fails naming the time, the line of the expectation and what the advisor made of it.
 */
class TestRulesCommandIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "rule-tests", "default-pack.test.yaml");

    @TempDir
    Path dir;

    @Test
    void theExamplePackTestPasses() throws Exception {
        Run run = run(EXAMPLE.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        // Every test of the example file, whatever their number: each one is a case a user reads there.
        long tests = Files.readAllLines(EXAMPLE).stream()
                .filter(line -> line.startsWith("  - name: "))
                .count();
        assertThat(tests).isGreaterThanOrEqualTo(2);
        assertThat(run.out()).contains("Unit Testing: " + EXAMPLE, "SUCCESS: " + tests + " tests");
    }

    @Test
    void aWrongExpectationFailsWithWhatTheAdvisorMadeOfTheSeries() throws Exception {
        Path test = dir.resolve("wrong.test.yaml");
        Files.writeString(test, """
                rule_files: [my-pack.yaml]
                evaluation_interval: 15s
                tests:
                  - name: lag expected where there is none
                    interval: 15s
                    input_series:
                      - series: 'my_lag{job_id="a1", job_name="orders", task_id="v0", task_name="source", subtask_index="0"}'
                        values: '10+10x40'
                    expect:
                      - eval_time: 6m
                        job: orders
                        rules: {my-lag: firing, lag-down: pending}
                """);
        Files.writeString(dir.resolve("my-pack.yaml"), """
                rules:
                  - name: my-lag
                    signal: lag
                    direction: up
                    expr: max by (job_id, job_name) (my_lag)
                    above: 1000
                    for: 1m
                  - name: lag-down
                    signal: lag
                    direction: down
                    expr: max by (job_id, job_name) (my_lag)
                    below: 1000
                    keep_firing_for: 1m
                """);

        Run run = run(test.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(ScalingAdvisorCommand.RUNTIME_FAILURE);
        assertThat(run.out())
                .contains("FAILED: lag expected where there is none")
                .contains(
                        "at 6m (" + test + ":10:9), job orders: rule my-lag is inactive (value 250.0), expected firing")
                .contains("rule lag-down is firing (value 250.0), expected pending")
                .contains("1 of 1 tests FAILED");
    }

    private static Run run(String... files) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = ScalingAdvisorCommand.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        String[] args = new String[files.length + 2];
        args[0] = "test";
        args[1] = "rules";
        System.arraycopy(files, 0, args, 2, files.length);
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {}
}
