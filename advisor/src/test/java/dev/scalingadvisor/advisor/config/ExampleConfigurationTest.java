package dev.scalingadvisor.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.settings.Include;
import dev.scalingadvisor.core.settings.ListOf;
import dev.scalingadvisor.core.settings.Nested;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.settings.SettingsEntry;
import dev.scalingadvisor.core.yaml.EnvironmentInterpolation;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.Problem;
import dev.scalingadvisor.core.yaml.Problems;
import dev.scalingadvisor.core.yaml.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/advisor.yaml} against the declared keys: every key it shows exists, every value it shows
 * parses within its bounds, and where it shows a key with its default (every key not marked
 * {@code # example}, nor inside a list entry so marked) the value equals the declared default.
 */
class ExampleConfigurationTest {

    private static final Path EXAMPLE = Path.of("../examples/advisor.yaml");

    private final Problems problems = new Problems();
    private final List<String> notDefaults = new ArrayList<>();
    private List<String> lines;

    @Test
    void theExampleShowsDeclaredKeysWithValidValuesAndTheirDeclaredDefaults() throws IOException {
        lines = Files.readAllLines(EXAMPLE);
        MappingReader root = YamlLoader.withInterpolation(new EnvironmentInterpolation(Map.of()))
                .load(EXAMPLE, problems)
                .flatMap(node -> MappingReader.of(
                        node, "", problems, EXAMPLE.toAbsolutePath().getParent()))
                .orElseThrow(() -> new AssertionError(problems.all()));

        check(AdvisorConfig.SECTION, root, false);
        root.finish();

        assertThat(problems.all()).extracting(Problem::toString).isEmpty();
        assertThat(notDefaults).isEmpty();
    }

    @Test
    void findsAShownValueThatIsNotTheDefault() throws IOException {
        lines = List.of("http:", "  port: 9791");
        MappingReader root = YamlLoader.verbatim()
                .load("advisor.yaml", String.join("\n", lines), problems)
                .flatMap(node -> MappingReader.of(node, "", problems, Path.of(".")))
                .orElseThrow();

        check(AdvisorConfig.SECTION, root, false);

        assertThat(notDefaults).containsExactly("http.port shows 9791, but its default is 9790 (mark it # example)");
    }

    private <S> void check(Section<S> section, MappingReader mapping, boolean example) {
        for (SettingsEntry<S> entry : section.entries()) {
            if (entry instanceof Option<S, ?> option && option.isKey()) {
                checkOption(option, mapping, example);
            } else if (entry instanceof Nested<S, ?> nested) {
                checkNested(nested, mapping, example);
            } else if (entry instanceof ListOf<S, ?> list) {
                mapping.mappingList(list.key(), element -> {
                    check(
                            list.element(),
                            element,
                            example || markedExample(element.location().line()));
                    element.finish();
                    return Optional.of(element);
                });
            } else if (entry instanceof Include<S, ?> include) {
                check(include.section(), mapping, example);
            }
        }
    }

    private <S, V> void checkOption(Option<S, V> option, MappingReader mapping, boolean example) {
        Optional<V> shown = option.read(mapping);
        boolean asDefault =
                !example && !markedExample(mapping.locationOf(option.key()).line());
        if (shown.isPresent()
                && asDefault
                && option.hasDefaultValue()
                && !Objects.equals(shown.get(), option.defaultValue())) {
            notDefaults.add(mapping.pathOf(option.key()) + " shows " + text(mapping, option.key())
                    + ", but its default is " + option.defaultText().replace("`", "") + " (mark it # example)");
        }
    }

    private <S, N> void checkNested(Nested<S, N> nested, MappingReader mapping, boolean example) {
        if (nested.shorthand().isPresent() && mapping.isScalar(nested.key())) {
            // policy: rate, short for policy: {type: rate}: a valid value, compared with nothing
            mapping.optional(nested.key(), nested.shorthand().get().parser());
            return;
        }
        mapping.mapping(nested.key()).ifPresent(inner -> {
            check(nested.section(), inner, example);
            inner.finish();
        });
    }

    private boolean markedExample(int line) {
        return line > 0 && line <= lines.size() && lines.get(line - 1).contains("# example");
    }

    private String text(MappingReader mapping, String key) {
        String line = lines.get(mapping.locationOf(key).line() - 1);
        String value = line.substring(mapping.locationOf(key).column() - 1);
        int comment = value.indexOf(" #");
        return (comment < 0 ? value : value.substring(0, comment)).strip();
    }
}
