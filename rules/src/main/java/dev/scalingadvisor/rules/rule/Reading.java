package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.job.VertexId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What one rule's query said about one job in one cycle: a usable value, or why there is none. */
public sealed interface Reading {

    /**
     * A usable (finite, fresh) value.
     *
     * @param vertex the vertex the value belongs to, when the rule returns series per vertex
     * @param labels the labels of the series the value came from, for the summary template
     */
    record Value(double value, Optional<VertexId> vertex, Map<String, String> labels) implements Reading {
        public Value {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a usable value is finite, got " + value);
            }
            Objects.requireNonNull(vertex, "vertex");
            labels = Map.copyOf(labels);
        }

        public static Value of(double value) {
            return new Value(value, Optional.empty(), Map.of());
        }
    }

    /** No usable value, and why: {@code no series for this job}, {@code stale: newest sample 3m old}, {@code NaN}. */
    record Missing(String reason) implements Reading {
        public Missing {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
