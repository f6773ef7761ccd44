package dev.scalingadvisor.rules.query;

import java.time.Duration;
import java.util.Objects;

/**
 * When the Prometheus client stops calling a failing Prometheus: once at least {@code minimumCalls} of
 * the last {@code window} calls were made and {@code failureRatePercent} of them failed, calls are
 * refused for {@code pause}; then a few trial calls decide whether to resume.
 */
public record CircuitBreakerSettings(int window, int minimumCalls, float failureRatePercent, Duration pause) {

    /** Ten calls are a few cycles of a typical pack: one bad cycle does not open it, a dead Prometheus does. */
    public static final CircuitBreakerSettings DEFAULTS =
            new CircuitBreakerSettings(10, 5, 50f, Duration.ofSeconds(30));

    public CircuitBreakerSettings {
        Objects.requireNonNull(pause, "pause");
        if (window < 1 || minimumCalls < 1 || minimumCalls > window) {
            throw new IllegalArgumentException(
                    "need 1 <= minimumCalls <= window, got " + minimumCalls + " and " + window);
        }
        if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
            throw new IllegalArgumentException("failureRatePercent must be in (0, 100], got " + failureRatePercent);
        }
        if (pause.isNegative() || pause.isZero()) {
            throw new IllegalArgumentException("pause must be positive");
        }
    }
}
