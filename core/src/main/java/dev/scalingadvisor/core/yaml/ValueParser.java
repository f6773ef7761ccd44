package dev.scalingadvisor.core.yaml;

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

    /** A parser that describes its values and writes them with {@code format}. */
    static <T> ValueParser<T> described(String description, Function<T, String> format, ValueParser<T> parser) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(parser, "parser");
        return new ValueParser<>() {
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
        };
    }

    /** This parser under another description, written the same way: {@code a regular expression on the job name}. */
    default ValueParser<T> describedAs(String otherDescription) {
        return described(otherDescription, this::format, this);
    }

    /** A parser of what this one reads, turned into another type (and written back with {@code back}). */
    default <R> ValueParser<R> map(Function<T, R> convert, Function<R, T> back) {
        return described(description(), r -> format(back.apply(r)), text -> convert.apply(parse(text)));
    }
}
