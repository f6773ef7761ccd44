package dev.scalingadvisor.actions.rescale;

/** One step of a rescale as the journal records it (a row before it happens and one after) and as timings report it. */
public enum Step {
    /** Stop-with-savepoint: from the request until the savepoint completed. */
    SAVEPOINT,
    /** From the completed savepoint until the old job reached a terminal state (its slots are free). */
    STOP,
    /** Uploading the job's jar file. */
    UPLOAD,
    /** One jar run request, until Flink answered with the job id. */
    SUBMIT,
    /** From the submission (or the new requirements) until every vertex runs at its target parallelism. */
    RUNNING,
    /** In place: the PUT of the new resource requirements. */
    REQUIREMENTS,
    /** In place: from the moment the job stopped running at its old parallelism until it runs at the new one. */
    RESTART,
    /** Watching the rescaled job for restarts. */
    VERIFY,
    /** Cancelling a rescaled job that does not run. */
    CANCEL,
    /** Going back to the previous parallelism after a failed rescale. */
    ROLLBACK
}
