package dev.scalingadvisor.core.yaml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns the text of a YAML value into a typed value. Parsers made by {@link ValueParsers} also say what a
 * value looks like and how one is written, for the configuration reference and its checks.
 *
 * @param <T> the type read
 */
@FunctionalInterface
public interface ValueParser<T> {

    /**
     * @throws IllegalArgumentException with a message that says what was expected, shown to the user as is
     */
    T parse(String text);

    /** What a value looks like, bounds included, as the reference shows it: {@code duration, 1s to 1h}. */
    default String description() {
        return "text";
    }

    /** A value as it is written in the configuration: the inverse of {@link #parse}, for defaults in the reference. */
    default String format(T value) {
        return String.valueOf(value);
    }

    /** What a value looks like to a JSON Schema, for editors ({@code docs/schemas/advisor.schema.json}): text. */
    default ObjectNode schema() {
        return ValueSchema.text();
    }

    /** A parser that describes its values and writes them with {@code format}. */
    static <T> ValueParser<T> described(String description, Function<T, String> format, ValueParser<T> parser) {
        return new Described<>(description, ValueSchema.text(), format, parser);
    }

    /** This parser under another description, written the same way: {@code a regular expression on the job name}. */
    default ValueParser<T> describedAs(String otherDescription) {
        return new Described<>(otherDescription, schema(), this::format, this);
    }

    /** This parser, its values checked by editors against {@code otherSchema} ({@link ValueSchema}). */
    default ValueParser<T> withSchema(ObjectNode otherSchema) {
        return new Described<>(description(), otherSchema, this::format, this);
    }

    /** A parser of what this one reads, turned into another type (and written back with {@code back}). */
    default <R> ValueParser<R> map(Function<T, R> convert, Function<R, T> back) {
        return new Described<>(description(), schema(), r -> format(back.apply(r)), text -> convert.apply(parse(text)));
    }

    /** A parser with its description, schema and way of writing a value. */
    final class Described<T> implements ValueParser<T> {
        private final String description;
        private final ObjectNode schema;
        private final Function<T, String> format;
        private final ValueParser<T> parser;

        private Described(String description, ObjectNode schema, Function<T, String> format, ValueParser<T> parser) {
            this.description = Objects.requireNonNull(description, "description");
            this.schema = schema.deepCopy();
            this.format = Objects.requireNonNull(format, "format");
            this.parser = Objects.requireNonNull(parser, "parser");
        }

        @Override
        public T parse(String text) {
            return parser.parse(text);
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public String format(T value) {
            return format.apply(value);
        }

        // A copy: the JSON tree is mutable, the parser is shared.
        @Override
        public ObjectNode schema() {
            return schema.deepCopy();
        }
    }
}
