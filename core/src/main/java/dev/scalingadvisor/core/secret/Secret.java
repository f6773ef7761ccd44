package dev.scalingadvisor.core.secret;

import java.util.Objects;

/**
 * A value that must never be shown: a token, a password, a webhook URL with its key in it. Its
 * {@code toString} is a fixed placeholder, so a secret that slips into a log call or an exception
 * message prints as {@code <secret>}; {@link #reveal()} is the one way to the value, easy to audit.
 * Every secret made is also registered with {@link KnownSecrets} so log output can be scrubbed of it.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        KnownSecrets.register(value);
        return new Secret(value);
    }

    /** The value itself, for the one place that sends it (an HTTP header, a request URL). */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "<secret>";
    }
}
