package dev.scalingadvisor.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.Problem;
import dev.scalingadvisor.core.yaml.Problems;
import dev.scalingadvisor.core.yaml.ValueParsers;
import dev.scalingadvisor.core.yaml.YamlLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SectionTest {

    /** A settings record as the modules declare theirs: keys, a nested section, a cross-field invariant. */
    record Pool(int min, Optional<Integer> max, Duration idle, Retry retry) {
        static final Option<Pool, Integer> MIN =
                Option.integer("min", Pool::min, 1, 100, 1).means("fewest connections");
        static final Option<Pool, Optional<Integer>> MAX = Option.optional(
                        "max", Pool::max, ValueParsers.integer(1, 100), "unbounded")
                .means("most connections");
        static final Option<Pool, Duration> IDLE =
                Option.duration("idle", Pool::idle, "1s", "1h", "5m").means("an idle connection is closed after this");
        static final Nested<Pool, Retry> RETRY =
                Nested.withShorthand("retry", Pool::retry, Retry.SECTION, Retry.ATTEMPTS, "retries");
        static final Section<Pool> SECTION = Section.of(
                "A connection pool.",
                v -> new Pool(v.get(MIN), v.get(MAX), v.get(IDLE), v.get(RETRY)),
                MIN,
                MAX,
                IDLE,
                RETRY);

        Pool {
            if (max.isPresent() && max.get() < min) {
                throw new InvalidSettingsException(
                        "max (" + max.get() + ") is less than min (" + min + ")", List.of("max", "min"));
            }
        }
    }

    record Retry(int attempts, boolean jitter) {
        static final Option<Retry, Integer> ATTEMPTS =
                Option.integer("attempts", Retry::attempts, 1, 10, 3).means("tries in all");
        static final Option<Retry, Boolean> JITTER =
                Option.flag("jitter", Retry::jitter, true).means("spread the retries");
        static final Section<Retry> SECTION =
                Section.of("Retries.", v -> new Retry(v.get(ATTEMPTS), v.get(JITTER)), ATTEMPTS, JITTER);
    }

    private final Problems problems = new Problems();

    @Test
    void defaultsAreTheDeclaredOnes() {
        assertThat(Pool.SECTION.defaults())
                .isEqualTo(new Pool(1, Optional.empty(), Duration.ofMinutes(5), new Retry(3, true)));
    }

    @Test
    void readsOverAFallbackSoThatKeysLeftOutKeepItsValues() {
        Pool global = read("min: 2\nidle: 1m\nretry: {jitter: false}\n", Pool.SECTION.defaults())
                .orElseThrow();

        Pool job = read("min: 4\nretry: {attempts: 5}\n", global).orElseThrow();

        assertThat(job).isEqualTo(new Pool(4, Optional.empty(), Duration.ofMinutes(1), new Retry(5, false)));
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void takesTheShorthandForTheNestedSection() {
        assertThat(read("retry: 7\n", Pool.SECTION.defaults()).orElseThrow().retry())
                .isEqualTo(new Retry(7, true));
    }

    @Test
    void reportsEveryBadValueWhereItIsWrittenAndKeepsReading() {
        Optional<Pool> pool = read("min: 0\nidle: soon\nretry: {attempts: 11}\n", Pool.SECTION.defaults());

        assertThat(problems.all())
                .extracting(Problem::toString)
                .containsExactly(
                        "pool.yaml:1:6: min: 0 is out of range; allowed: 1 to 100",
                        "pool.yaml:2:7: idle: not a duration: \"soon\" (write it as Prometheus does: 30s, 5m, 1h30m, 2d)",
                        "pool.yaml:3:19: retry.attempts: 11 is out of range; allowed: 1 to 10");
        assertThat(pool).isPresent();
    }

    @Test
    void reportsContradictingValuesAtTheKeyWrittenHere() {
        Pool global = read("max: 8\n", Pool.SECTION.defaults()).orElseThrow();

        assertThat(read("idle: 1m\nmin: 10\n", global)).isEmpty();
        assertThat(problems.all())
                .extracting(Problem::toString)
                .containsExactly("pool.yaml:2:6: min: max (8) is less than min (10)");
    }

    @Test
    void changesOneValueAndValidatesTheCopy() {
        Pool pool = Pool.SECTION.defaults();

        assertThat(Pool.SECTION.with(pool, Pool.IDLE, Duration.ofSeconds(30)).idle())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(pool.idle()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> Pool.SECTION.with(Pool.SECTION.with(pool, Pool.MIN, 5), Pool.MAX, Optional.of(2)))
                .isInstanceOf(InvalidSettingsException.class);
        assertThatThrownBy(() -> Pool.SECTION.with(
                        pool, Option.integer("other", Pool::min, 1, 2, 1).means("another key"), 2))
                .hasMessageContaining("other is not declared");
    }

    @Test
    void aKeyThatSaysNothingOfWhatItMeansIsRefused() {
        record Named(String name) {}
        Option<Named, String> silent = Option.required("name", Named::name, ValueParsers.text());

        assertThatThrownBy(() -> Section.of("Named.", v -> new Named(v.get(silent)), silent))
                .hasMessageContaining("key name says nothing of what it means");
        assertThatThrownBy(() -> silent.means(" ")).hasMessageContaining("name: a key's meaning must not be blank");
    }

    @Test
    void aRequiredKeyLeftOutMakesNoSettings() {
        record Named(String name) {}
        Option<Named, String> name =
                Option.required("name", Named::name, ValueParsers.text()).means("what it is called");
        Section<Named> section = Section.of("Named.", v -> new Named(v.get(name)), name);

        assertThat(mapping("other: 1\n").flatMap(section::readAlone)).isEmpty();
        assertThat(problems.all()).extracting(Problem::toString).containsExactly("pool.yaml:1:1: name: required");
    }

    @Test
    void writesTheReferenceFromTheDeclarations() {
        String markdown = ConfigurationReference.markdown("Pool", "How the pool is configured.", Pool.SECTION);

        assertThat(markdown)
                .contains("| `min` | whole number, 1 to 100 | `1` | fewest connections |")
                .contains("| `max` | whole number, 1 to 100 | unbounded | most connections |")
                .contains("| `idle` | duration, 1s to 1h | `5m` | an idle connection is closed after this |")
                .contains("| `retry` | mapping: see [`retry`](#retry), or its `attempts` alone |  | retries |")
                .contains("## `retry`")
                .contains("| `jitter` | true or false | `true` | spread the retries |");
    }

    private Optional<Pool> read(String yaml, Pool fallback) {
        return mapping(yaml).flatMap(m -> {
            Optional<Pool> pool = Pool.SECTION.read(m, fallback);
            m.finish();
            return pool;
        });
    }

    private Optional<MappingReader> mapping(String yaml) {
        return YamlLoader.verbatim()
                .load("pool.yaml", yaml, problems)
                .flatMap(node -> MappingReader.of(node, "", problems, Path.of(".")));
    }
}
