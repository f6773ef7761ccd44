package dev.scalingadvisor.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.ValueParser;
import dev.scalingadvisor.core.yaml.ValueParsers;
import dev.scalingadvisor.core.yaml.ValueSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One configuration key, declared once: its key, how its value is read and bounded, its default and what
 * it means. The reader, the defaults, {@code docs/configuration.md} and the check of
 * {@code examples/advisor.yaml} all take these from here (as the Flink operator's {@code AutoScalerOptions}
 * declare its options).
 *
 * @param <S> the settings record the key belongs to
 * @param <V> the type of its value in that record
 */
public final class Option<S, V> implements SettingsEntry<S> {

    private static final String REQUIRED = "required";

    private final String key;
    private final Function<S, V> value;
    private final BiFunction<MappingReader, String, Optional<V>> reading;
    private final Optional<ValueParser<V>> scalarParser;
    private final Form form;
    private final Optional<V> defaultValue;
    private final String defaultText;
    private final String description;
    private final Optional<Section<?>> section;

    private Option(
            String key,
            Function<S, V> value,
            BiFunction<MappingReader, String, Optional<V>> reading,
            Optional<ValueParser<V>> scalarParser,
            Form form,
            Optional<V> defaultValue,
            String defaultText,
            String description,
            Optional<Section<?>> section) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
        this.reading = Objects.requireNonNull(reading, "reading");
        this.scalarParser = scalarParser;
        this.form = Objects.requireNonNull(form, "form");
        this.defaultValue = defaultValue;
        this.defaultText = Objects.requireNonNull(defaultText, "defaultText");
        this.description = Objects.requireNonNull(description, "description");
        this.section = section;
    }

    /** A key with one value and a default. */
    public static <S, V> Option<S, V> of(String key, Function<S, V> value, ValueParser<V> parser, V defaultValue) {
        return new Option<>(
                key,
                value,
                (mapping, k) -> mapping.optional(k, parser),
                Optional.of(parser),
                Form.of(parser),
                Optional.of(defaultValue),
                "`" + parser.format(defaultValue) + "`",
                "",
                Optional.empty());
    }

    /**
     * A duration from {@code min} to {@code max}, both inclusive; the bounds and the default are written as in the
     * file ({@code "30s"}, {@code "6h"}), as the reference shows them.
     */
    public static <S> Option<S, Duration> duration(
            String key, Function<S, Duration> value, String min, String max, String defaultValue) {
        return of(
                key,
                value,
                ValueParsers.duration(PrometheusDurations.parse(min), PrometheusDurations.parse(max)),
                PrometheusDurations.parse(defaultValue));
    }

    /** A number from {@code min} to {@code max}, both inclusive. */
    public static <S> Option<S, Double> decimal(
            String key, Function<S, Double> value, double min, double max, double defaultValue) {
        return of(key, value, ValueParsers.decimal(min, max), defaultValue);
    }

    /** A whole number from {@code min} to {@code max}, both inclusive. */
    public static <S> Option<S, Integer> integer(
            String key, Function<S, Integer> value, int min, int max, int defaultValue) {
        return of(key, value, ValueParsers.integer(min, max), defaultValue);
    }

    /** {@code true} or {@code false}. */
    public static <S> Option<S, Boolean> flag(String key, Function<S, Boolean> value, boolean defaultValue) {
        return of(key, value, ValueParsers.bool(), defaultValue);
    }

    /** One of an enum's constants, in its {@link dev.scalingadvisor.core.text.Spelling}. */
    public static <S, E extends Enum<E>> Option<S, E> oneOf(String key, Function<S, E> value, E defaultValue) {
        return of(key, value, ValueParsers.oneOf(defaultValue.getDeclaringClass()), defaultValue);
    }

    /** A key that may be left out, and then has no value; {@code whenAbsent} says what happens then. */
    public static <S, V> Option<S, Optional<V>> optional(
            String key, Function<S, Optional<V>> value, ValueParser<V> parser, String whenAbsent) {
        ValueParser<Optional<V>> present = parser.map(Optional::of, Optional::orElseThrow);
        return new Option<>(
                key,
                value,
                (mapping, k) -> mapping.optional(k, present),
                Optional.of(present),
                Form.of(parser),
                Optional.of(Optional.empty()),
                whenAbsent,
                "",
                Optional.empty());
    }

    /** A key that must be set; the settings it belongs to have no defaults. */
    public static <S, V> Option<S, V> required(String key, Function<S, V> value, ValueParser<V> parser) {
        return new Option<>(
                key,
                value,
                (mapping, k) -> mapping.required(k, parser),
                Optional.of(parser),
                Form.of(parser),
                Optional.empty(),
                REQUIRED,
                "",
                Optional.empty());
    }

    /** A list of values; a single value is taken as a list of one. */
    public static <S, V> Option<S, List<V>> list(
            String key, Function<S, List<V>> value, ValueParser<V> element, List<V> defaultValue) {
        return list(key, value, element, List::copyOf, List::copyOf, defaultValue);
    }

    /**
     * A list of values kept as a type of its own ({@code ExcludedVertices}), made by {@code wrap} and shown through
     * {@code unwrap}; a single value is taken as a list of one, and what {@code wrap} refuses is reported at the key.
     */
    public static <S, V, L> Option<S, L> list(
            String key,
            Function<S, L> value,
            ValueParser<V> element,
            Function<List<V>, L> wrap,
            Function<L, List<V>> unwrap,
            L defaultValue) {
        return new Option<>(
                key,
                value,
                (mapping, k) -> {
                    if (!mapping.has(k)) {
                        return Optional.empty();
                    }
                    try {
                        return Optional.of(wrap.apply(mapping.valueList(k, element)));
                    } catch (IllegalArgumentException e) {
                        mapping.problem(k, e.getMessage());
                        return Optional.empty();
                    }
                },
                Optional.empty(),
                new Form("list of: " + element.description(), ValueSchema.list(element.schema()), false),
                Optional.of(defaultValue),
                "`"
                        + unwrap.apply(defaultValue).stream()
                                .map(element::format)
                                .collect(Collectors.joining(", ", "[", "]"))
                        + "`",
                "",
                Optional.empty());
    }

    /** A mapping of names to values (HTTP headers); absent is empty. */
    public static <S, V> Option<S, Map<String, V>> valueMap(
            String key, Function<S, Map<String, V>> value, ValueParser<V> parser) {
        return new Option<>(
                key,
                value,
                (mapping, k) -> mapping.has(k) ? Optional.of(mapping.valueMap(k, parser)) : Optional.empty(),
                Optional.empty(),
                new Form("mapping of names to " + parser.description(), ValueSchema.mapping(parser.schema()), false),
                Optional.of(Map.of()),
                "none",
                "",
                Optional.empty());
    }

    /**
     * A secret written inline as {@code key} or, as {@code keyFile}, in a file holding it. Messages never show
     * its value.
     */
    public static <S> Option<S, Optional<Secret>> secret(
            String key, Function<S, Optional<Secret>> value, String whenAbsent) {
        return secret(key, value, ValueParser.described("secret text", text -> "<secret>", text -> text), whenAbsent);
    }

    /**
     * A secret that must also read as {@code form} (a URL, a signing key); {@code form}'s messages must not
     * show the value, as those of {@link dev.scalingadvisor.core.yaml.ValueParsers#secretHttpUrl()} do not.
     */
    public static <S> Option<S, Optional<Secret>> secret(
            String key, Function<S, Optional<Secret>> value, ValueParser<?> form, String whenAbsent) {
        return new Option<>(
                key,
                value,
                (mapping, k) -> mapping.secret(k).flatMap(secret -> {
                    try {
                        form.parse(secret.reveal());
                        return Optional.of(Optional.of(secret));
                    } catch (IllegalArgumentException e) {
                        mapping.problem(mapping.has(k) ? k : k + "File", e.getMessage());
                        return Optional.empty();
                    }
                }),
                Optional.empty(),
                new Form(form.description() + ", or `" + key + "File`: a file holding it", form.schema(), true),
                Optional.of(Optional.empty()),
                whenAbsent,
                "",
                Optional.empty());
    }

    /**
     * A file path whose default depends on where the advisor runs (its owner reads it over a fallback it
     * computes); a relative one is taken from the directory of the file that names it.
     */
    public static <S> Option<S, Path> path(String key, Function<S, Path> value, String whenAbsent) {
        return new Option<>(
                key,
                value,
                MappingReader::path,
                Optional.empty(),
                Form.FILE_PATH,
                Optional.empty(),
                whenAbsent,
                "",
                Optional.empty());
    }

    /** A file path that may be left out; a relative one is taken from the directory of the file that names it. */
    public static <S> Option<S, Optional<Path>> optionalPath(
            String key, Function<S, Optional<Path>> value, String whenAbsent) {
        return new Option<>(
                key,
                value,
                (mapping, k) -> mapping.path(k).map(Optional::of),
                Optional.empty(),
                Form.FILE_PATH,
                Optional.of(Optional.empty()),
                whenAbsent,
                "",
                Optional.empty());
    }

    /** A file path that may be left out and must name a readable file when given: {@code what} names it in the problem. */
    public static <S> Option<S, Optional<Path>> readableFile(
            String key, Function<S, Optional<Path>> value, String what, String whenAbsent) {
        return new Option<>(
                key,
                value,
                (mapping, k) -> mapping.path(k).map(file -> {
                    if (!Files.isReadable(file)) {
                        mapping.problem(k, "cannot read " + what + " " + file);
                    }
                    return Optional.of(file);
                }),
                Optional.empty(),
                Form.FILE_PATH,
                Optional.of(Optional.empty()),
                whenAbsent,
                "",
                Optional.empty());
    }

    /**
     * A mapping with keys of its own that, when written, stands for itself: it replaces the fallback's as a
     * whole rather than changing some of its values ({@code rescale.jar}). Absent, there is none.
     */
    public static <S, N> Option<S, Optional<N>> optionalMapping(
            String key, Function<S, Optional<N>> value, Section<N> section, String whenAbsent) {
        return new Option<>(
                key,
                value,
                (mapping, k) -> mapping.mapping(k)
                        .flatMap(nested -> {
                            Optional<N> read = section.readAlone(nested);
                            nested.finish();
                            return read;
                        })
                        .map(Optional::of),
                Optional.empty(),
                new Form("mapping", ValueSchema.text(), false),
                Optional.of(Optional.empty()),
                whenAbsent,
                "",
                Optional.of(section));
    }

    /**
     * A key read by a function of its own, for values that need the mapping to be read (a rule pack file is
     * taken relative to the configuration file).
     *
     * @param reading     the value written at the key, empty when absent or wrong (the problem recorded)
     * @param type        what a value looks like, as the reference shows it
     * @param schema      what a value looks like to a JSON Schema ({@link ValueSchema})
     * @param defaultText the default as the reference shows it
     */
    public static <S, V> Option<S, V> readBy(
            String key,
            Function<S, V> value,
            BiFunction<MappingReader, String, Optional<V>> reading,
            String type,
            ObjectNode schema,
            V defaultValue,
            String defaultText) {
        return new Option<>(
                key,
                value,
                reading,
                Optional.empty(),
                new Form(type, schema, false),
                Optional.of(defaultValue),
                defaultText,
                "",
                Optional.empty());
    }

    /**
     * A part of the settings that is no key of their own: set in code (the daemon fills it from another
     * setting), so the reader keeps the fallback's and the reference leaves it out.
     */
    public static <S, V> Option<S, V> internal(String name, Function<S, V> value, V defaultValue) {
        return new Option<>(
                name,
                value,
                (mapping, k) -> Optional.empty(),
                Optional.empty(),
                Form.NONE,
                Optional.of(defaultValue),
                "",
                "",
                Optional.empty());
    }

    /**
     * This option with what it does, in one sentence as the reference shows it; every key a section declares has
     * one (the section refuses a key without).
     */
    public Option<S, V> means(String meaning) {
        if (meaning.isBlank()) {
            throw new IllegalArgumentException(key + ": a key's meaning must not be blank");
        }
        return new Option<>(key, value, reading, scalarParser, form, defaultValue, defaultText, meaning, section);
    }

    /**
     * This key in a section whose settings hold {@code S} as a part: the top level's {@code mode} is the
     * default job settings' {@code mode}, declared once.
     */
    public <T> Option<T, V> in(Function<T, S> part) {
        return new Option<>(
                key, part.andThen(value), reading, scalarParser, form, defaultValue, defaultText, description, section);
    }

    /**
     * This key with a default that depends on where the advisor runs (the JVM's time zone): {@link #defaultValue()}
     * stays the one for code and tests, its owner reads the key over the fallback it computes, the reference shows
     * {@code whenAbsent} and an example showing the key is not compared with a default.
     */
    public Option<S, V> defaultShownAs(String whenAbsent) {
        return new Option<>(key, value, reading, scalarParser, form, defaultValue, whenAbsent, description, section);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String description() {
        return description;
    }

    /** What a value looks like, bounds included: {@code duration, 1s to 6h}. */
    public String type() {
        return form.text();
    }

    /** The default as the reference shows it: {@code `10m`}, {@code required}, or what happens when it is left out. */
    public String defaultText() {
        return defaultText;
    }

    /** The keys of the mapping this key holds, for {@link #optionalMapping} keys. */
    public Optional<Section<?>> section() {
        return section;
    }

    /** Whether the key is read from YAML (false for {@link #internal} parts). */
    public boolean isKey() {
        return !form.text().isEmpty();
    }

    public boolean isRequired() {
        return defaultText.equals(REQUIRED);
    }

    /** What a value looks like to a JSON Schema ({@link ValueSchema}), bounds included where it can say them. */
    public ObjectNode schema() {
        return form.schema().deepCopy();
    }

    /** Whether the key is a secret, which may also be given as {@code <key>File}: a file holding it. */
    public boolean isSecret() {
        return form.secret();
    }

    /** The default as JSON of the value's type, for the schema; empty where the reference says it in words. */
    public Optional<JsonNode> defaultJson() {
        // an optional key's default is "none", however the reference words it (`restUrl`)
        if (!hasDefaultValue() || scalarParser.isEmpty() || Optional.empty().equals(defaultValue())) {
            return Optional.empty();
        }
        return Optional.of(ValueSchema.value(form.schema(), scalarParser.get().format(defaultValue())));
    }

    /**
     * Whether the default is a value the reference shows and an example must repeat when it shows the key: not when
     * the reference says in words what happens when the key is left out ({@link #optional}, {@link #defaultShownAs}).
     */
    public boolean hasDefaultValue() {
        return defaultValue.isPresent() && isKey() && defaultText.startsWith("`");
    }

    /** The value written at this key, if it is there and valid (a problem is recorded when it is not). */
    public Optional<V> read(MappingReader mapping) {
        return reading.apply(mapping, key);
    }

    /** The value written at this key, else this option's default. */
    public V readOrDefault(MappingReader mapping) {
        return read(mapping).orElseGet(this::defaultValue);
    }

    /** The value written at this key, else the one in {@code fallback}. */
    public V readOrKeep(MappingReader mapping, S fallback) {
        return read(mapping).orElseGet(() -> valueIn(fallback));
    }

    @Override
    public Object readOr(MappingReader mapping, Object kept) {
        return read(mapping).map(Object.class::cast).orElse(kept);
    }

    /**
     * The parser of a single-valued key, for a value written elsewhere (the shorthand {@code policy: rate}).
     *
     * @throws IllegalStateException for lists, maps, secrets and paths
     */
    public ValueParser<V> parser() {
        return scalarParser.orElseThrow(() -> new IllegalStateException(key + " is not a single value"));
    }

    @Override
    public V valueIn(S settings) {
        return value.apply(settings);
    }

    @Override
    public V defaultValue() {
        return defaultValue.orElseThrow(() -> new IllegalStateException(
                key + " has no default of its own (" + defaultText + "): read it over a fallback"));
    }

    @Override
    public String toString() {
        return key;
    }

    /**
     * What a value of the key looks like: as the reference says it ({@code duration, 1s to 6h}), as a JSON Schema
     * says it, and whether it is a secret (which also takes {@code <key>File}).
     */
    private record Form(String text, ObjectNode schema, boolean secret) {
        static final Form FILE_PATH = new Form("file path", ValueSchema.text(), false);
        /** A part that is no key. */
        static final Form NONE = new Form("", ValueSchema.text(), false);

        static Form of(ValueParser<?> parser) {
            return new Form(parser.description(), parser.schema(), false);
        }
    }
}
