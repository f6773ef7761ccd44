package dev.scalingadvisor.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlLoaderTest {

    private final Problems problems = new Problems();

    @Test
    void keepsTheLineAndColumnOfEveryValue() {
        YamlNode.Mapping root =
                (YamlNode.Mapping) load("a:\n  b: [x, {c: 1}]\n").orElseThrow();

        YamlNode.Mapping a = (YamlNode.Mapping) root.entry("a").orElseThrow().value();
        YamlNode.Sequence b = (YamlNode.Sequence) a.entry("b").orElseThrow().value();
        assertThat(b.location()).isEqualTo(new SourceLocation("f.yaml", 2, 6));
        assertThat(b.items().get(1).location()).isEqualTo(new SourceLocation("f.yaml", 2, 10));
    }

    @Test
    void resolvesAliasesToTheAnchoredValue() {
        YamlNode.Mapping root = (YamlNode.Mapping) load("a: &x hello\nb: *x\n").orElseThrow();

        assertThat(((YamlNode.Scalar) root.entry("b").orElseThrow().value()).text())
                .isEqualTo("hello");
    }

    @Test
    void refusesAliasesThatExpandPastTheLimitWithALocationAndQuickly() {
        // Issue 14, defect 3: under 1 KB, 2^24 values once expanded; it took the JVM out of memory after 13 s
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            bomb.append("a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" [*a")
                    .append(i - 1)
                    .append(", *a")
                    .append(i - 1)
                    .append("]\n");
        }
        assertThat(bomb.length()).isLessThan(1024);

        long started = System.nanoTime();
        load(bomb.toString());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(problems.all())
                .singleElement()
                .asString()
                .startsWith("f.yaml:")
                .contains("the document expands to more than " + YamlLoader.MAX_NODES + " values");
    }

    @Test
    void reportsSeveralDocuments() {
        assertThat(load("a: 1\n---\nb: 2\n")).isEmpty();
        assertThat(problems.all())
                .singleElement()
                .asString()
                .isEqualTo("f.yaml:3:1: expected one YAML document, found 2 (remove the \"---\" separators)");
    }

    @Test
    void reportsEveryDuplicateKey() {
        load("a: 1\nb: 2\na: 3\nb: 4\n");

        assertThat(problems.all())
                .extracting(Problem::toString)
                .containsExactly(
                        "f.yaml:3:1: a: duplicate key (each key may appear once)",
                        "f.yaml:4:1: b: duplicate key (each key may appear once)");
    }

    @Test
    void treatsAnEmptyValueAsNull() {
        YamlNode.Mapping root = (YamlNode.Mapping) load("a:\nb: ~\n").orElseThrow();

        assertThat(((YamlNode.Scalar) root.entry("a").orElseThrow().value()).isNull())
                .isTrue();
        assertThat(((YamlNode.Scalar) root.entry("b").orElseThrow().value()).isNull())
                .isTrue();
    }

    @Test
    void leavesValuesAloneWithoutInterpolation() {
        YamlNode.Mapping root =
                (YamlNode.Mapping) load("summary: \"${value} ms/s\"\n").orElseThrow();

        assertThat(((YamlNode.Scalar) root.entry("summary").orElseThrow().value()).text())
                .isEqualTo("${value} ms/s");
        assertThat(problems.isEmpty()).isTrue();
    }

    private Optional<YamlNode> load(String text) {
        return YamlLoader.verbatim().load("f.yaml", text, problems);
    }
}
