package dev.scalingadvisor.actions.flink;

import java.util.Objects;
import java.util.UUID;

/**
 * The id of an asynchronous Flink operation (savepoint, stop-with-savepoint): 32 hex digits. The advisor
 * chooses it itself and sends it with the request, so it can ask for the operation's status even when
 * the answer to the trigger request was lost.
 */
public record TriggerId(String value) {

    public TriggerId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a trigger id is 32 lower-case hex digits, not \"" + value + "\"");
        }
    }

    public static TriggerId random() {
        return new TriggerId(UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
