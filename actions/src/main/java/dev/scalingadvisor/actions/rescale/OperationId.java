package dev.scalingadvisor.actions.rescale;

import java.util.Objects;
import java.util.UUID;

/** The id of one rescale operation: its row in the rescale journal and the thread through its events and logs. */
public record OperationId(String value) {

    public OperationId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an operation id must not be blank");
        }
    }

    public static OperationId random() {
        return new OperationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
