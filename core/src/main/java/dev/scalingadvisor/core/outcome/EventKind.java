package dev.scalingadvisor.core.outcome;

import dev.scalingadvisor.core.text.Spelling;

/** Every kind of outcome the advisor tells people about, spelled in configuration as {@code rescale-started} etc. */
public enum EventKind {
    /** A scale decision in recommend mode. */
    RECOMMENDATION,
    /** The condition behind a recommendation went away before anyone acted. */
    RECOMMENDATION_RESOLVED,
    /** A rescale passed its guards and is under way. */
    RESCALE_STARTED,
    /** A rescale finished and the job runs at its new parallelism. */
    RESCALE_SUCCEEDED,
    /** A pre-flight guard refused the rescale, with its reason. */
    RESCALE_BLOCKED,
    /** A rescale failed part-way; its steps say where. */
    RESCALE_FAILED,
    /** A rescale failed and the job was brought back to its previous parallelism. */
    ROLLED_BACK,
    /** Something scaling would not fix, such as skew or an ineffective scale-up. */
    FINDING;

    /** As written in configuration, payloads and metric labels: {@code rescale-started}. */
    public String spelling() {
        return Spelling.of(this);
    }
}
