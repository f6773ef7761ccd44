package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobRef;
import java.util.Objects;

/**
 * A job the engine could not evaluate this cycle because of a bug or bad input in its own evaluation: it has no
 * decision this cycle, its memory (timers, cooldowns) carries over unchanged, and every other job is evaluated as
 * usual.
 *
 * @param error the exception, as {@code Type: message}
 */
public record JobFailure(JobRef job, String error) {

    public JobFailure {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(error, "error");
    }

    /** {@code job orders (a0a0…) could not be evaluated: IllegalStateException: …}. */
    public String describe() {
        return "job " + job.name() + " (" + job.id() + ") could not be evaluated this cycle: " + error
                + "; it keeps its rule timers and gets no decision until this is fixed";
    }
}
