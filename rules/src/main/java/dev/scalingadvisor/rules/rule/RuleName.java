package dev.scalingadvisor.rules.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rule's name, unique across all loaded packs: the key of its state, and the value of the {@code rule}
 * label and log field, so it is kept to letters, digits, {@code _}, {@code -} and {@code .}.
 */
public record RuleName(@JsonValue String value) implements Comparable<RuleName> {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");

    @JsonCreator
    public RuleName {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("\"" + value
                    + "\" is not a rule name: start with a letter, then letters," + " digits, _ . or - (at most 100)");
        }
    }

    @Override
    public int compareTo(RuleName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
