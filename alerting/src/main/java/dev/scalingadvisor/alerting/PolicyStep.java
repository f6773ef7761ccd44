package dev.scalingadvisor.alerting;

import java.util.Objects;

/**
 * One line of the policy's explanation of a target parallelism, in the order the policy applied them:
 * the raw target, then each clamp and alignment.
 *
 * @param step        what the policy did, e.g. {@code raw target}, {@code clamped}, {@code aligned}
 * @param parallelism the parallelism after this step (the raw target may be fractional)
 * @param detail      why, with the numbers that went in, e.g. {@code 48000 records/s at 9060 per subtask}
 */
public record PolicyStep(String step, double parallelism, String detail) {

    public PolicyStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
        if (step.isBlank()) {
            throw new IllegalArgumentException("a policy step needs a name");
        }
        if (!Double.isFinite(parallelism) || parallelism < 0) {
            throw new IllegalArgumentException("policy step " + step + ": parallelism must be a finite number >= 0");
        }
    }
}
