package dev.scalingadvisor.core.settings;

import dev.scalingadvisor.core.yaml.MappingReader;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A key whose value is a list of mappings, each with the keys of {@code element}: {@code notifiers[]},
 * {@code flink.clusters[]}. Its owner reads the elements (they are checked against each other, names unique);
 * the declaration serves the reference and the check of the example.
 */
public record ListOf<S, E>(String key, Function<S, List<E>> value, Section<E> element, String description)
        implements SettingsEntry<S> {

    public ListOf {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public Object readOr(MappingReader mapping, Object kept) {
        throw new UnsupportedOperationException(key + "[] is read by its owner, element by element");
    }

    @Override
    public List<E> valueIn(S settings) {
        return value.apply(settings);
    }

    @Override
    public List<E> defaultValue() {
        return List.of();
    }
}
