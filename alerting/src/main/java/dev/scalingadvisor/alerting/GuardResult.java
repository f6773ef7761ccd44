package dev.scalingadvisor.alerting;

import java.util.Objects;

/**
 * What one pre-flight guard said about a rescale.
 *
 * @param name   the guard, e.g. {@code checkpoint-healthy}
 * @param passed whether it let the rescale go ahead
 * @param reason its reason in a sentence, with numbers ({@code last checkpoint completed 40s ago})
 */
public record GuardResult(String name, boolean passed, String reason) {

    public GuardResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a guard result needs the guard's name");
        }
    }
}
