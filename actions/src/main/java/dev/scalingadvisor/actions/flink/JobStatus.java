package dev.scalingadvisor.actions.flink;

import java.util.Locale;

/** A Flink job's status as the REST API reports it ({@code JobStatus}); {@link #UNKNOWN} for a value newer Flink versions may add. */
public enum JobStatus {
    INITIALIZING,
    CREATED,
    RUNNING,
    FAILING,
    FAILED,
    CANCELLING,
    CANCELED,
    FINISHED,
    RESTARTING,
    SUSPENDED,
    RECONCILING,
    UNKNOWN;

    /** Reads Flink's spelling; a state this version does not know is {@link #UNKNOWN}, never an error. */
    public static JobStatus parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** The job has ended for good: it will not run again unless resubmitted. */
    public boolean isGloballyTerminal() {
        return this == FINISHED || this == CANCELED || this == FAILED;
    }
}
