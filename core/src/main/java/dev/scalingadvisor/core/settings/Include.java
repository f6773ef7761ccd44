package dev.scalingadvisor.core.settings;

import dev.scalingadvisor.core.yaml.MappingReader;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every key of another section, written in this mapping itself: a {@code jobs[]} entry takes the keys of
 * {@code scaling} beside its own ({@code minParallelism: 2} next to {@code nameRegex}).
 *
 * @param name   how the reference calls the included section ({@code scaling})
 * @param inline whether the reference lists the keys here (they have no heading of their own) or links to them
 */
public record Include<S, I>(String name, Function<S, I> value, Section<I> section, boolean inline, String description)
        implements SettingsEntry<S> {

    public Include {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(description, "description");
    }

    /** The keys of a section that has a heading of its own, linked from the reference. */
    public static <S, I> Include<S, I> keysOf(
            String name, Function<S, I> value, Section<I> section, String description) {
        return new Include<>(name, value, section, false, description);
    }

    /** The keys of a section that has no heading of its own (an HTTP endpoint's), listed in the reference here. */
    public static <S, I> Include<S, I> inline(Function<S, I> value, Section<I> section) {
        return new Include<>("", value, section, true, "");
    }

    /** An include has no key of its own: its keys are those of {@link #section()}. */
    @Override
    public String key() {
        return "";
    }

    /** The included settings, read from this very mapping over {@code fallback}'s; the caller finishes the mapping. */
    @Override
    @SuppressWarnings("unchecked") // the section passes this entry's own value
    public Object readOr(MappingReader mapping, Object kept) {
        return section.read(mapping, (I) kept).orElse((I) kept);
    }

    @Override
    public I valueIn(S settings) {
        return value.apply(settings);
    }

    @Override
    public I defaultValue() {
        return section.defaults();
    }
}
