package dev.scalingadvisor.actions.rescale;

/**
 * Where a rescale operation stands in the journal. The open states say what recovery must do after a
 * crash; the closed ones are final.
 */
public enum OperationState {
    /** Guards passed and the plan is recorded; nothing on the cluster changed yet. */
    STARTED(false),
    /** Stop-with-savepoint requested (its trigger id is recorded); the savepoint may or may not exist. */
    STOPPING(false),
    /** The savepoint completed and its path is recorded; the old job stops or has stopped. */
    SAVEPOINT_TAKEN(false),
    /** A submission from the savepoint is under way; its planned job id is recorded before each attempt. */
    SUBMITTING(false),
    /** In place: the new resource requirements were sent (the previous ones are recorded). */
    REQUIREMENTS_SENT(false),
    /** The rescaled job exists; the advisor waits for it to run and watches it for the verify window. */
    VERIFYING(false),
    /** The rescaled job failed; the job goes back to the previous parallelism. */
    ROLLING_BACK(false),
    /** Savepoint-redeploy: the job was resubmitted at its previous parallelism; the advisor waits for it to run. */
    ROLLBACK_VERIFYING(false),
    /**
     * The job could not be resubmitted: it is stopped, its savepoint is recorded. The daemon tries again, at the
     * previous parallelism, with backoff until the job runs.
     */
    LEFT_STOPPED(false),
    SUCCEEDED(true),
    ABORTED(true),
    ROLLED_BACK(true),
    FAILED(true),
    /** Someone else brought the job back (a job with its name runs); nothing left to do. */
    RESOLVED_ELSEWHERE(true);

    private final boolean closed;

    OperationState(boolean closed) {
        this.closed = closed;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Whether an operation left open in this state may have the job stopped: from the stop request until a job runs
     * again. (In the verify states a resubmitted job exists; in {@link #STARTED} and {@link #REQUIREMENTS_SENT}
     * the job was never stopped.)
     */
    public boolean mayLeaveJobStopped() {
        return switch (this) {
            case STOPPING, SAVEPOINT_TAKEN, SUBMITTING, ROLLING_BACK, LEFT_STOPPED -> true;
            default -> false;
        };
    }
}
