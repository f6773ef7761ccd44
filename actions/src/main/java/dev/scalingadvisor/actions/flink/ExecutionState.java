package dev.scalingadvisor.actions.flink;

import java.util.Locale;

/** The state of a vertex or of its subtasks ({@code ExecutionState}); {@link #UNKNOWN} for values newer Flink versions may add. */
public enum ExecutionState {
    CREATED,
    SCHEDULED,
    DEPLOYING,
    RUNNING,
    FINISHED,
    CANCELING,
    CANCELED,
    FAILED,
    RECONCILING,
    INITIALIZING,
    UNKNOWN;

    public static ExecutionState parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
