package dev.scalingadvisor.actions.rescale.request;

import dev.scalingadvisor.core.text.Spelling;

/** The pre-flight checks a rescale must pass; a refusal names one of them (also the {@code guard} metric label). */
public enum PreflightGuard {
    /** The cluster's circuit breaker is not closed: the cluster failed recently. */
    CIRCUIT_BREAKER,
    /** Now is inside one of {@code rescale.excludedPeriods}. */
    EXCLUDED_PERIOD,
    /** Another rescale of this job, or {@code maxConcurrentPerCluster} rescales of this cluster, are under way (or left a job stopped). */
    CONCURRENCY,
    /** The job used its {@code maxPerJobPerHour} rescales. */
    BUDGET,
    /** The facts the guards need could not be read from Flink. */
    FLINK_UNAVAILABLE,
    /** The job is not RUNNING with all its tasks. */
    JOB_NOT_RUNNING,
    /** The job has not been running for {@code stabilizationPeriod} since it last started or restarted. */
    STABILIZATION,
    /** The request's current parallelism is not what the job runs now: the decision is stale. */
    STALE_REQUEST,
    /** The last completed checkpoint is older than {@code checkpointMaxAge}, or there is none. */
    CHECKPOINT_AGE,
    /** More than {@code maxCheckpointFailures} checkpoints failed within {@code checkpointFailureWindow}. */
    CHECKPOINT_FAILURES,
    /** A target exceeds the vertex's max parallelism (its key groups). */
    MAX_PARALLELISM,
    /** The cluster has too few free slots for the increase: add TaskManagers instead. */
    FREE_SLOTS,
    /** The job cannot be rescaled the configured way (in place without the adaptive scheduler, say). */
    STRATEGY,
    /** Savepoint-redeploy has no jar to resubmit the job with. */
    JAR,
    /** Savepoint-redeploy has no savepoint directory (neither {@code rescale.savepointDir} nor the cluster's). */
    SAVEPOINT_DIRECTORY;

    /** {@code free-slots}: the spelling in messages and metric labels. */
    public String label() {
        return Spelling.of(this);
    }
}
