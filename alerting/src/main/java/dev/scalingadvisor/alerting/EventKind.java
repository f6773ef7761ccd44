package dev.scalingadvisor.alerting;

/** Every kind of outcome the advisor tells people about, spelled in configuration as {@code rescale-started} etc. */
public enum EventKind {
    /** A scale decision in recommend mode. */
    RECOMMENDATION,
    /** The condition behind a recommendation went away before anyone acted. */
    RECOMMENDATION_RESOLVED,
    RESCALE_STARTED,
    RESCALE_SUCCEEDED,
    /** A pre-flight guard refused the rescale, with its reason. */
    RESCALE_BLOCKED,
    RESCALE_FAILED,
    ROLLED_BACK,
    /** Something scaling would not fix, such as skew or an ineffective scale-up. */
    FINDING
}
