package dev.scalingadvisor.core.yaml;

/**
 * Turns the text of a YAML value into a typed value.
 *
 * @param <T> the type read
 */
@FunctionalInterface
public interface ValueParser<T> {

    /**
     * @throws IllegalArgumentException with a message that says what was expected, shown to the user as is
     */
    T parse(String text);
}
