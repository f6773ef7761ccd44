package dev.scalingadvisor.rules.query;

import java.util.List;
import java.util.Objects;

/** The honest answer to one query: what Prometheus returned, or why there is nothing to use. */
public sealed interface QueryOutcome {

    /**
     * Prometheus evaluated the query.
     *
     * @param warnings what Prometheus said might be wrong with the answer (e.g. partial data), as it worded it
     */
    record Answered(QueryResult result, List<String> warnings) implements QueryOutcome {
        public Answered {
            Objects.requireNonNull(result, "result");
            warnings = List.copyOf(warnings);
        }
    }

    /** No usable answer. */
    record Failed(QueryFailure failure) implements QueryOutcome {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
