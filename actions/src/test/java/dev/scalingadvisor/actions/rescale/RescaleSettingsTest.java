package dev.scalingadvisor.actions.rescale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.rescale.request.JobJar;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.Problem;
import dev.scalingadvisor.core.yaml.Problems;
import dev.scalingadvisor.core.yaml.YamlLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RescaleSettingsTest {

    private final Problems problems = new Problems();

    @Test
    void readsTheGuardAndPacingKeysAndKeepsDefaultsForTheRest() {
        RescaleSettings settings = read("""
                strategy: savepoint-redeploy
                checkpointMaxAge: 10m
                maxCheckpointFailures: 2
                checkpointFailureWindow: 30m
                submitBackoff: 10s
                submitTimeout: 5m
                pollInterval: 500ms
                jar: {name: orders.jar, args: ["--topic", "orders"]}
                """, RescaleSettings.DEFAULTS).orElseThrow();

        assertThat(problems.all()).isEmpty();
        assertThat(settings.strategy()).isEqualTo(RescaleStrategy.SAVEPOINT_REDEPLOY);
        assertThat(settings.checkpointMaxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.maxCheckpointFailures()).isEqualTo(2);
        assertThat(settings.checkpointFailureWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.submitBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.submitTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.verifyWindow()).isEqualTo(RescaleSettings.DEFAULTS.verifyWindow());
        assertThat(settings.jar())
                .hasValueSatisfying(j -> assertThat(j.locator()).isEqualTo(new JobJar.UploadedName("orders.jar")));
    }

    @Test
    void aJobsSectionFallsBackToTheGlobalOne() {
        RescaleSettings global = read("checkpointMaxAge: 10m\nmaxPerJobPerHour: 4\n", RescaleSettings.DEFAULTS)
                .orElseThrow();

        RescaleSettings job = read("maxPerJobPerHour: 1\n", global).orElseThrow();

        assertThat(job.checkpointMaxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(job.maxPerJobPerHour()).isEqualTo(1);
    }

    @Test
    void reportsEveryBadValueWithItsLocation() {
        read("""
                pollInterval: 10ms
                maxCheckpointFailures: -1
                checkpointMaxAg: 5m
                """, RescaleSettings.DEFAULTS);

        assertThat(problems.all())
                .extracting(Problem::toString)
                .containsExactly(
                        "rescale.yaml:1:15: pollInterval: 10ms is out of range; allowed: 100ms to 1m",
                        "rescale.yaml:2:24: maxCheckpointFailures: -1 is out of range; allowed: 0 to 1000",
                        "rescale.yaml:3:1: checkpointMaxAg: unknown key (did you mean \"checkpointMaxAge\"?)");
    }

    @Test
    void leavesTheStabilizationPeriodToTheScalingSection() {
        read("stabilizationPeriod: 10m\n", RescaleSettings.DEFAULTS);

        // One setting for one idea: the daemon fills the guard's period from scaling.stabilization.
        assertThat(problems.all())
                .extracting(Problem::toString)
                .singleElement()
                .asString()
                .startsWith("rescale.yaml:1:1: stabilizationPeriod: unknown key");
    }

    private Optional<RescaleSettings> read(String yaml, RescaleSettings defaults) {
        return YamlLoader.verbatim()
                .load("rescale.yaml", yaml, problems)
                .flatMap(node -> MappingReader.of(node, "", problems, Path.of(".")))
                .flatMap(section -> {
                    Optional<RescaleSettings> read = RescaleSettings.SECTION.read(section, defaults);
                    section.finish();
                    return read;
                });
    }
}
