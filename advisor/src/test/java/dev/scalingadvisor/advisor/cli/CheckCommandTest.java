package dev.scalingadvisor.advisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} as a person coming from Prometheus meets it: the rule written the Prometheus way is refused; a secret
 * written in a file anyone can read is pointed out.
 */
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
        CliRun run = CliRun.of("check", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ScalingAdvisorCommand.BAD_USAGE);
        assertThat(run.err())
                .contains(pack + ":5:11: rules[0].expr: top-level comparison \"< 200\" without bool")
                .contains("write below: 200");
        assertThat(run.out()).doesNotContain("valid");
    }

    @Test
    void warnsOfASecretWrittenInAFileEveryoneCanReadNamingTheFieldAndNotTheValue() throws Exception {
        Path config = dir.resolve("advisor.yaml");
        Files.writeString(config, """
                prometheus:
                  url: http://127.0.0.1:9090
                  auth:
                    bearer:
                      token: t0ken-in-the-file
                http:
                  apiToken: ${API_TOKEN}
                """);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigLoader loader = new ConfigLoader(Map.of("API_TOKEN", "t0ken-from-the-environment"), ZoneOffset.UTC);

        assertThat(loader.load(config).warnings())
                .singleElement()
                .hasToString(config + ":5:14: prometheus.auth.bearer.token: a secret written in a file every user of"
                        + " this machine can read (rw-r--r--); give it as ${VARIABLE} from the environment or as"
                        + " tokenFile (a file only the advisor reads), or chmod 600 " + config);

        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(loader.load(config).warnings()).isEmpty();
    }

    @Test
    void checkPrintsTheWarningAndStillPasses() throws Exception {
        Path config = dir.resolve("advisor.yaml");
        Files.writeString(config, """
                prometheus:
                  url: http://127.0.0.1:9090
                http:
                  apiToken: t0ken-in-the-file
                """);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-r--"));
        CliRun run = CliRun.of("check", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(ScalingAdvisorCommand.OK);
        assertThat(run.out()).contains("configuration is valid");
        assertThat(run.err())
                .startsWith("warning: " + config + ":4:13: http.apiToken: a secret written in a file every user")
                .doesNotContain("t0ken-in-the-file");
    }
}
