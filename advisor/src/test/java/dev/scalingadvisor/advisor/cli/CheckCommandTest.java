package dev.scalingadvisor.advisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code check} as a person coming from Prometheus meets it: the rule written the Prometheus way is refused. */
class CheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void refusesARuleWrittenWithAPrometheusStyleComparisonNamingFileLineAndField() throws Exception {
        Path pack = dir.resolve("my-rules.yaml");
        Files.writeString(pack, """
                rules:
                  - name: busy-low
                    signal: busy
                    direction: down
                    expr: max by (job_id) (flink_taskmanager_job_task_busyTimeMsPerSecond) < 200
                    below: 200
                    for: 10m
                """);
        Path config = dir.resolve("advisor.yaml");
        Files.writeString(config, """
                prometheus:
                  url: http://127.0.0.1:9090
                rules:
                  packs: [builtin:default, my-rules.yaml]
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = ScalingAdvisorCommand.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));

        int code = command.execute("check", "--config", config.toString());

        assertThat(code).isEqualTo(ScalingAdvisorCommand.BAD_USAGE);
        assertThat(err.toString())
                .contains(pack + ":5:11: rules[0].expr: top-level comparison \"< 200\" without bool")
                .contains("write below: 200");
        assertThat(out.toString()).doesNotContain("valid");
    }
}
