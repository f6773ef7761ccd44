package dev.scalingadvisor.rules.rule;

/** How a scale-up target is computed from the current parallelism and the measured signals. */
public enum PolicyKind {
    /** Multiply by a fixed factor: the incremental "8 → 12 → 16 → 24" approach. */
    STEP,
    /** DS2-like: size each vertex so its busy time lands at the target utilization. */
    RATE,
    /** Add the capacity needed to drain the consumer backlog within the catch-up duration. */
    LAG
}
