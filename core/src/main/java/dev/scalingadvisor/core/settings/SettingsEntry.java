package dev.scalingadvisor.core.settings;

import dev.scalingadvisor.core.yaml.MappingReader;

/**
 * One thing a {@link Section} declares: a key with a value ({@link Option}), a nested mapping
 * ({@link Nested}), a list of mappings ({@link ListOf}) or every key of another section written in the same
 * mapping ({@link Include}).
 *
 * @param <S> the settings type the section builds
 */
public sealed interface SettingsEntry<S> permits Option, Nested, ListOf, Include {

    /** The key as written in YAML; empty for an {@link Include}. */
    String key();

    /** What it is for, one sentence, as the reference shows it. */
    String description();

    /**
     * Reads this entry's value from {@code mapping}, or keeps {@code kept} (this entry's value in the fallback
     * settings) where the mapping does not set it, or sets it wrongly: the problem is recorded and reading goes
     * on, so that one pass reports every problem.
     */
    Object readOr(MappingReader mapping, Object kept);

    /** This entry's value in {@code settings}. */
    Object valueIn(S settings);

    /** This entry's declared default; only entries of sections with defaults are asked. */
    Object defaultValue();
}
