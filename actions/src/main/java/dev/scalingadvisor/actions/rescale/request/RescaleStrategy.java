package dev.scalingadvisor.actions.rescale.request;

/** How a job is brought to its new parallelism. */
public enum RescaleStrategy {
    /** In place when the job's scheduler supports it (adaptive), otherwise savepoint-redeploy. */
    AUTO,
    /** Adaptive scheduler: change the job's resource requirements; the job keeps running. */
    IN_PLACE,
    /** Stop with a savepoint, then resubmit the job's jar from it at the new parallelism. */
    SAVEPOINT_REDEPLOY
}
