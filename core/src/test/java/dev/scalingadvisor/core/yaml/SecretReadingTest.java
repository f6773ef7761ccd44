package dev.scalingadvisor.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.secret.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, defect 4: a token file holding {@code tok\n\n} or {@code tok\r} passed {@code check}, then OkHttp refused
 * the header on every call of every cycle. Trailing whitespace goes; any other control character is refused where
 * the secret is read, located, without showing it.
 */
class SecretReadingTest {

    @TempDir
    Path dir;

    private final Problems problems = new Problems();

    @Test
    void aSecretFileLosesItsTrailingNewlinesAndCarriageReturns() throws IOException {
        Files.writeString(dir.resolve("a"), "tok\n\n");
        Files.writeString(dir.resolve("b"), "tok\r");
        Files.writeString(dir.resolve("c"), "tok\r\n \t");

        for (String file : new String[] {"a", "b", "c"}) {
            assertThat(secret("tokenFile: " + file + "\n").map(Secret::reveal))
                    .as(file)
                    .contains("tok");
        }
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void aControlCharacterInsideASecretIsRefusedWithItsLocationAndWithoutTheValue() throws IOException {
        Files.writeString(dir.resolve("token"), "to\u0000k3n-s3cr3t\n");

        assertThat(secret("tokenFile: token\n")).isEmpty();
        assertThat(secret("token: \"ab\\ncd-s3cr3t\"\n")).isEmpty();

        assertThat(problems.all())
                .extracting(Problem::toString)
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p)
                                .startsWith("auth.yaml:1:")
                                .contains("tokenFile", "control character (U+0000) at position 3")
                                .doesNotContain("s3cr3t"),
                        p -> assertThat(p)
                                .contains("token", "control character (U+000A) at position 3")
                                .doesNotContain("s3cr3t"));
    }

    private Optional<Secret> secret(String yaml) {
        return YamlLoader.verbatim()
                .load("auth.yaml", yaml, problems)
                .flatMap(node -> MappingReader.of(node, "", problems, dir))
                .flatMap(reader -> {
                    Optional<Secret> secret = reader.secret("token");
                    reader.finish();
                    return secret;
                });
    }
}
