package dev.scalingadvisor.rules.explain;

import dev.scalingadvisor.core.text.Spelling;

/** What can hold a scaling direction back. */
public enum DecisionGuard {
    /** The job (re)started recently: catch-up after a restore is not load. */
    STABILIZATION,
    SCALE_UP_COOLDOWN,
    /** The source backlog shrinks fast enough to be gone within catchUpDuration: the job already keeps up. */
    BACKLOG_DRAINING,
    SCALE_DOWN_COOLDOWN,
    /** A scale-down must stay recommended for a while before it is decided. */
    SCALE_DOWN_DELAY,
    /** The hottest subtask is much busier than the rest: a hot key, which more parallelism does not fix. */
    SKEW,
    /** The last scale-up of the vertex bought (almost) nothing. */
    INEFFECTIVE_SCALE_UP,
    /** Every host running the job is CPU-saturated: more parallelism there cannot help. */
    CPU_SATURATED,
    /** A Kafka source already has a subtask per partition: more would read nothing; its topic needs partitions. */
    PARTITION_BOUND,
    /** The target is outside [minParallelism, maxParallelism] or the job's key groups. */
    AT_BOUND,
    /** Every vertex the policies would change is excluded from scaling ({@code scaling.excludedVertices}). */
    EXCLUDED_VERTEX,
    /** Something the decision needs is unknown (current parallelism, a rule's value). */
    MISSING_DATA,
    /** The sizing policy found nothing to change. */
    NOTHING_TO_SIZE;

    public String spelling() {
        return Spelling.of(this);
    }
}
