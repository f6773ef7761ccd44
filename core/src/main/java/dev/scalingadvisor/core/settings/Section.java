package dev.scalingadvisor.core.settings;

import dev.scalingadvisor.core.yaml.MappingReader;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The keys of one YAML mapping and the settings record they make, declared once: the reader, the defaults,
 * copies with one value changed, the reference in {@code docs/configuration.md} and the check of the example
 * all work from this list. A section either builds its record from the values of its entries (then
 * {@link #read} and {@link #defaults} work) or only declares keys its owner reads by hand, because they
 * depend on each other (a notifier's {@code url} on its {@code type}).
 *
 * @param <S> the settings record
 */
public final class Section<S> {

    private final String description;
    private final List<SettingsEntry<S>> entries;
    private final Optional<Function<Values<S>, S>> constructor;
    private final Check<S> check;
    private volatile S defaults;

    private Section(
            String description,
            List<SettingsEntry<S>> entries,
            Optional<Function<Values<S>, S>> constructor,
            Check<S> check) {
        this.description = Objects.requireNonNull(description, "description");
        this.entries = List.copyOf(entries);
        this.constructor = constructor;
        this.check = Objects.requireNonNull(check, "check");
        Set<String> keys = new HashSet<>();
        for (SettingsEntry<S> entry : this.entries) {
            if (!entry.key().isEmpty() && !keys.add(entry.key())) {
                throw new IllegalArgumentException("key " + entry.key() + " declared twice");
            }
            if (entry instanceof Option<S, ?> option
                    && option.isKey()
                    && option.description().isBlank()) {
                throw new IllegalArgumentException(
                        "key " + entry.key() + " says nothing of what it means: add .means(…)");
            }
        }
    }

    /**
     * A section read entry by entry: {@code constructor} makes the settings from the values (its record's
     * canonical constructor, each component taken with {@link Values#get}).
     */
    @SafeVarargs
    public static <S> Section<S> of(
            String description, Function<Values<S>, S> constructor, SettingsEntry<S>... entries) {
        return new Section<>(description, List.of(entries), Optional.of(constructor), (values, mapping) -> true);
    }

    /** A section whose keys its owner reads by hand; declared for the reference and the example's check. */
    @SafeVarargs
    public static <S> Section<S> readByOwner(String description, SettingsEntry<S>... entries) {
        return new Section<>(description, List.of(entries), Optional.empty(), (values, mapping) -> true);
    }

    /**
     * This section, with checks of how its values fit together that are reported at the key to blame, before
     * the settings are made (a notifier's {@code url} is required for every type but {@code console}).
     */
    public Section<S> checkedBy(Check<S> fit) {
        return new Section<>(description, entries, constructor, fit);
    }

    public String description() {
        return description;
    }

    public List<SettingsEntry<S>> entries() {
        return entries;
    }

    /** The settings when nothing is configured: every entry at its declared default. */
    public S defaults() {
        S result = defaults;
        if (result == null) {
            result = build(entry -> entry.defaultValue());
            defaults = result;
        }
        return result;
    }

    /**
     * Reads the keys of {@code mapping} over {@code fallback} (the global section for a job's, the defaults for
     * the global one): every key left out keeps the fallback's value. Problems are recorded in the mapping's
     * problems; empty when the values read contradict each other. The caller finishes the mapping (it may
     * hold keys of other sections too).
     */
    public Optional<S> read(MappingReader mapping, S fallback) {
        return readOr(mapping, entry -> entry.valueIn(fallback));
    }

    /**
     * Reads the keys of {@code mapping} over the declared defaults, for a mapping that replaces a fallback's
     * as a whole instead of changing some of its values ({@code rescale.jar}).
     */
    public Optional<S> readAlone(MappingReader mapping) {
        return readOr(mapping, SettingsEntry::defaultValue);
    }

    private Optional<S> readOr(MappingReader mapping, Function<SettingsEntry<S>, Object> kept) {
        Map<SettingsEntry<S>, Object> values = new IdentityHashMap<>();
        boolean complete = true;
        for (SettingsEntry<S> entry : entries) {
            if (entry instanceof Option<S, ?> option && option.isRequired()) {
                Optional<?> read = option.read(mapping);
                read.ifPresent(value -> values.put(entry, value));
                complete &= read.isPresent();
            } else {
                values.put(entry, entry.readOr(mapping, kept.apply(entry)));
            }
        }
        if (!complete || !check.fits(new Values<>(values), mapping)) {
            return Optional.empty();
        }
        try {
            return Optional.of(construct(values));
        } catch (InvalidSettingsException e) {
            String blamed = e.keys().stream().filter(mapping::has).findFirst().orElse("");
            if (blamed.isEmpty()) {
                mapping.problem(e.getMessage());
            } else {
                mapping.problem(blamed, e.getMessage());
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            mapping.problem(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A copy of {@code settings} with one value changed, validated like any other (in code and tests, as
     * {@code CircuitBreakerConfig.from(config)} in resilience4j).
     */
    public <V> S with(S settings, Option<S, V> option, V value) {
        return replace(settings, option, value);
    }

    /** A copy of {@code settings} with one nested section changed. */
    public <N> S with(S settings, Nested<S, N> nested, N value) {
        return replace(settings, nested, value);
    }

    private S replace(S settings, SettingsEntry<S> changed, Object value) {
        if (!entries.contains(changed)) {
            throw new IllegalArgumentException(changed.key() + " is not declared in this section");
        }
        return build(entry -> entry == changed ? value : entry.valueIn(settings));
    }

    private S build(Function<SettingsEntry<S>, Object> valueOf) {
        Map<SettingsEntry<S>, Object> values = new IdentityHashMap<>();
        for (SettingsEntry<S> entry : entries) {
            values.put(entry, valueOf.apply(entry));
        }
        return construct(values);
    }

    private S construct(Map<SettingsEntry<S>, Object> values) {
        Function<Values<S>, S> make = constructor.orElseThrow(
                () -> new IllegalStateException("this section is read by its owner: " + description));
        return make.apply(new Values<>(values));
    }

    /**
     * A {@link Check} of a threshold that must not exceed another ({@code saturatedCpuClear} and
     * {@code saturatedCpuLoad}): where {@code lower} is written above {@code upper}, the problem is reported at it.
     */
    public static <S> boolean atMost(
            Values<S> values, MappingReader mapping, Option<S, Double> lower, Option<S, Double> upper) {
        double low = values.get(lower);
        double high = values.get(upper);
        if (mapping.has(lower.key()) && low > high) {
            mapping.problem(
                    lower.key(), lower.key() + " (" + low + ") is more than " + upper.key() + " (" + high + ")");
            return false;
        }
        return true;
    }

    /** How the values of a section fit together, checked before they are made into settings. */
    @FunctionalInterface
    public interface Check<S> {
        /** Whether the values fit; where they do not, the problems are recorded in {@code mapping} at the key to blame. */
        boolean fits(Values<S> values, MappingReader mapping);
    }

    /** The values of a section's entries, as its constructor receives them. */
    public static final class Values<S> {
        private final Map<SettingsEntry<S>, Object> values;

        private Values(Map<SettingsEntry<S>, Object> values) {
            this.values = values;
        }

        public <V> V get(Option<S, V> option) {
            return cast(option);
        }

        public <N> N get(Nested<S, N> nested) {
            return cast(nested);
        }

        public <I> I get(Include<S, I> include) {
            return cast(include);
        }

        @SuppressWarnings("unchecked") // each entry's value was produced by that entry, so it has its type
        private <V> V cast(SettingsEntry<S> entry) {
            if (!values.containsKey(entry)) {
                throw new IllegalStateException(
                        entry.key() + " is used by the constructor but not declared in the section");
            }
            return (V) values.get(entry);
        }
    }
}
