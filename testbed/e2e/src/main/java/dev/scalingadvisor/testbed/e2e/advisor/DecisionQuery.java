package dev.scalingadvisor.testbed.e2e.advisor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The filters of {@code GET /api/v1/decisions}: a job (id or name), entries at or after an instant, and at
 * most {@code limit} entries (newest first).
 */
public record DecisionQuery(Optional<String> job, Optional<Instant> since, int limit) {

    /** The API's own upper bound. */
    public static final int MAX_LIMIT = 1000;

    public DecisionQuery {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(since, "since");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
    }

    /** Every job, all of the history the API keeps, up to {@value #MAX_LIMIT} entries. */
    public static DecisionQuery all() {
        return new DecisionQuery(Optional.empty(), Optional.empty(), MAX_LIMIT);
    }

    public DecisionQuery forJob(String idOrName) {
        return new DecisionQuery(Optional.of(idOrName), since, limit);
    }

    public DecisionQuery since(Instant instant) {
        return new DecisionQuery(job, Optional.of(instant), limit);
    }

    public DecisionQuery limit(int max) {
        return new DecisionQuery(job, since, max);
    }
}
