package dev.scalingadvisor.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.settings.ConfigurationReference;
import dev.scalingadvisor.core.settings.ConfigurationSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} and the JSON Schema for editors, {@code docs/schemas/advisor.schema.json}, are
 * generated from the keys' declarations and checked in; this test fails when either is out of date. After adding or
 * changing a key, regenerate both with
 * {@code ./mvnw -pl advisor test -Dtest=ConfigurationReferenceTest -Dconfiguration.update=true} and review the
 * diff, as with the webhook golden files.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("../docs/configuration.md");
    private static final Path SCHEMA = Path.of("../docs/schemas/advisor.schema.json");
    private static final boolean UPDATE = Boolean.getBoolean("configuration.update");

    static final String PREFACE = """
            Every key of `advisor.yaml`, with the form of its value, its bounds, its default and what it is for.
            This page is generated from the keys' declarations in the code (each key is declared once, beside the
            settings it fills); `ConfigurationReferenceTest` fails when it is out of date. Regenerate it with
            `./mvnw -pl advisor -am test -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dconfiguration.update=true`.
            A commented example is `examples/advisor.yaml` (checked against these declarations by `ExampleConfigurationTest`);
            the JSON Schema for editors, `docs/schemas/advisor.schema.json`, is generated from the same declarations.

            Durations are written as Prometheus writes them (`30s`, `5m`, `1h30m`, `2d`). `${VAR}` is replaced by
            environment variable `VAR` in any value (`${VAR:-fallback}` gives a fallback; `$$` is a literal `$`).
            Every secret key `x` also takes `xFile`, a file holding the secret, as systemd credentials and Docker
            secrets provide. Relative paths are relative to the configuration file. An unknown key is an error,
            reported with its file, line and column, like every other problem.
            """;

    static String generated() {
        return ConfigurationReference.markdown("Configuration reference", PREFACE, AdvisorConfig.SECTION);
    }

    static String generatedSchema() {
        return ConfigurationSchema.json(
                "https://github.com/scaling-advisor/scaling-advisor/docs/schemas/advisor.schema.json",
                "Flink Scaling Advisor configuration (advisor.yaml)",
                "For editors' completion and checks, generated from the keys' declarations (as docs/configuration.md"
                        + " is). scaling-advisor check --config is the authority: it also checks the bounds of durations"
                        + " and of keys against each other, and gives file:line:col errors.",
                AdvisorConfig.SECTION);
    }

    @Test
    void theCheckedInSchemaIsCurrent() throws IOException {
        assertCurrent(SCHEMA, generatedSchema());
    }

    @Test
    void theCheckedInReferenceIsCurrent() throws IOException {
        assertCurrent(REFERENCE, generated());
    }

    private static void assertCurrent(Path file, String generated) throws IOException {
        if (UPDATE) {
            Files.writeString(file, generated);
        }
        assertThat(Files.readString(file))
                .as(file + " is out of date: regenerate it with -Dconfiguration.update=true and review the diff")
                .isEqualTo(generated);
    }
}
