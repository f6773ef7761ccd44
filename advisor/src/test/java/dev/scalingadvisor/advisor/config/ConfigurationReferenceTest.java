package dev.scalingadvisor.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.settings.ConfigurationReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is generated from the keys' declarations and checked in; this test fails when
 * it is out of date. After adding or changing a key, regenerate it with
 * {@code ./mvnw -pl advisor test -Dtest=ConfigurationReferenceTest -Dconfiguration.update=true} and review the
 * diff, as with the webhook golden files.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("../docs/configuration.md");
    private static final boolean UPDATE = Boolean.getBoolean("configuration.update");

    static final String PREFACE = """
            Every key of `advisor.yaml`, with the form of its value, its bounds, its default and what it is for.
            This page is generated from the keys' declarations in the code (each key is declared once, beside the
            settings it fills); `ConfigurationReferenceTest` fails when it is out of date. Regenerate it with
            `./mvnw -pl advisor -am test -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dconfiguration.update=true`.
            A commented example is `examples/advisor.yaml` (checked against these declarations by `ExampleConfigurationTest`).

            Durations are written as Prometheus writes them (`30s`, `5m`, `1h30m`, `2d`). `${VAR}` is replaced by
            environment variable `VAR` in any value (`${VAR:-fallback}` gives a fallback; `$$` is a literal `$`).
            Every secret key `x` also takes `xFile`, a file holding the secret, as systemd credentials and Docker
            secrets provide. Relative paths are relative to the configuration file. An unknown key is an error,
            reported with its file, line and column, like every other problem.
            """;

    static String generated() {
        return ConfigurationReference.markdown("Configuration reference", PREFACE, AdvisorConfig.SECTION);
    }

    @Test
    void theCheckedInReferenceIsCurrent() throws IOException {
        if (UPDATE) {
            Files.writeString(REFERENCE, generated());
        }
        assertThat(Files.readString(REFERENCE))
                .as(
                        "docs/configuration.md is out of date: regenerate it with -Dconfiguration.update=true and review the diff")
                .isEqualTo(generated());
    }
}
