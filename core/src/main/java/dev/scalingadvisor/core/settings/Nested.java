package dev.scalingadvisor.core.settings;

import dev.scalingadvisor.core.yaml.MappingReader;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A key whose value is a mapping with keys of its own, declared by another {@link Section}:
 * {@code scaling.policy}, {@code scaling.skewGuard}.
 *
 * @param key       as written in YAML
 * @param value     where its settings are kept in the enclosing settings
 * @param section   the keys of the nested mapping
 * @param shorthand a key of the nested mapping that may be written alone in its place ({@code policy: rate}
 *                  for {@code policy: {type: rate}})
 */
public record Nested<S, N>(
        String key, Function<S, N> value, Section<N> section, Optional<Option<N, ?>> shorthand, String description)
        implements SettingsEntry<S> {

    public Nested {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(shorthand, "shorthand");
        Objects.requireNonNull(description, "description");
    }

    public static <S, N> Nested<S, N> of(String key, Function<S, N> value, Section<N> section, String description) {
        return new Nested<>(key, value, section, Optional.empty(), description);
    }

    /** A nested mapping that may also be written as the value of {@code shorthand} alone. */
    public static <S, N> Nested<S, N> withShorthand(
            String key, Function<S, N> value, Section<N> section, Option<N, ?> shorthand, String description) {
        return new Nested<>(key, value, section, Optional.of(shorthand), description);
    }

    /**
     * The nested settings: read from the mapping at this key over {@code fallback}'s, or {@code fallback}'s own
     * when the key is absent or its mapping is invalid (the problem is recorded).
     */
    public N readOrKeep(MappingReader mapping, S fallback) {
        return readOver(mapping, valueIn(fallback));
    }

    @Override
    @SuppressWarnings("unchecked") // the section passes this entry's own value
    public Object readOr(MappingReader mapping, Object kept) {
        return readOver(mapping, (N) kept);
    }

    /**
     * The nested settings read at this key of {@code mapping} over {@code kept}, which stays when the key is
     * absent or its mapping is invalid; the nested mapping is finished.
     */
    public N readOver(MappingReader mapping, N kept) {
        if (shorthand.isPresent() && mapping.isScalar(key)) {
            return readShorthand(mapping, shorthand.get(), kept);
        }
        return mapping.mapping(key)
                .flatMap(nested -> {
                    Optional<N> read = section.read(nested, kept);
                    nested.finish();
                    return read;
                })
                .orElse(kept);
    }

    private <V> N readShorthand(MappingReader mapping, Option<N, V> option, N kept) {
        return mapping.optional(key, option.parser())
                .map(v -> section.with(kept, option, v))
                .orElse(kept);
    }

    @Override
    public N valueIn(S settings) {
        return value.apply(settings);
    }

    @Override
    public N defaultValue() {
        return section.defaults();
    }
}
