package dev.scalingadvisor.rules.query;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Why a query has no usable answer. Each kind says in plain words what happened and whether the query
 * itself is to blame (a PromQL mistake: fix the rule) or Prometheus cannot be used right now (fix the
 * connection; the advisor is not ready).
 */
public sealed interface QueryFailure {

    /** One line for a person, never with a secret in it. */
    String describe();

    /** True when the query is wrong (bad PromQL, impossible matching), false when Prometheus is the problem. */
    default boolean blamesQuery() {
        return false;
    }

    /** Whether this counts as Prometheus failing, for the circuit breaker. */
    default boolean isPrometheusFault() {
        return !blamesQuery();
    }

    /**
     * Prometheus answered {@code "status": "error"}.
     *
     * @param errorType Prometheus' classification: {@code bad_data} (the query does not parse or a
     *                  parameter is wrong), {@code execution}, {@code timeout}, {@code canceled},
     *                  {@code internal}, {@code unavailable}
     */
    record Rejected(String errorType, String error, int httpStatus) implements QueryFailure {
        private static final Set<String> QUERY_ERRORS = Set.of("bad_data", "execution");

        public Rejected {
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public boolean blamesQuery() {
            return QUERY_ERRORS.contains(errorType);
        }

        @Override
        public boolean isPrometheusFault() {
            // A 4xx about our request is not Prometheus struggling; execution errors and timeouts are.
            return !errorType.equals("bad_data");
        }

        @Override
        public String describe() {
            return "Prometheus rejected the query (" + errorType + ", HTTP " + httpStatus + "): " + error;
        }
    }

    /** An HTTP error that is not a Prometheus API answer: a proxy, an authentication layer, a wrong URL. */
    record HttpError(int status, String excerpt) implements QueryFailure {
        public HttpError {
            Objects.requireNonNull(excerpt, "excerpt");
        }

        @Override
        public boolean isPrometheusFault() {
            return status >= 500;
        }

        @Override
        public String describe() {
            String hint = switch (status) {
                case 401, 403 -> " (check prometheus.auth)";
                case 404 -> " (is prometheus.url the Prometheus server, with its path prefix if it has one?)";
                case 301, 302, 303, 307, 308 ->
                    " (redirects are not followed: put the final address in prometheus.url)";
                default -> "";
            };
            return "Prometheus answered HTTP " + status + hint + (excerpt.isEmpty() ? "" : ": " + excerpt);
        }
    }

    /** No answer within the endpoint's timeout. */
    record TimedOut(Duration after) implements QueryFailure {
        public TimedOut {
            Objects.requireNonNull(after, "after");
        }

        @Override
        public String describe() {
            return "Prometheus did not answer within " + after.toMillis() + " ms (prometheus.timeout)";
        }
    }

    /** The connection could not be made, or broke before the whole answer arrived. */
    record ConnectionFailed(String reason) implements QueryFailure {
        public ConnectionFailed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return "cannot reach Prometheus: " + reason;
        }
    }

    /**
     * Prometheus answered but warned about its answer: Thanos, Mimir and Cortex say {@code partial response} when a
     * store did not answer, so series may be missing and a low sum may only be a partial one. Such an answer is
     * missing data: it must not decide anything, least of all a scale-down.
     */
    record Warned(java.util.List<String> warnings) implements QueryFailure {
        public Warned {
            warnings = java.util.List.copyOf(warnings);
        }

        @Override
        public String describe() {
            return "Prometheus warned about its answer, which is not used (partial data?): "
                    + String.join("; ", warnings);
        }
    }

    /** The answer arrived but is not a Prometheus API answer we can read (not JSON, truncated, wrong shape). */
    record Malformed(String reason) implements QueryFailure {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return "Prometheus' answer could not be read: " + reason;
        }
    }

    /**
     * Not attempted: Prometheus failed too often lately, and the circuit breaker gives it time to recover.
     *
     * @param lastFailure how the last failed call failed, so that the cause is not lost behind the breaker
     */
    record CircuitOpen(Duration pause, String lastFailure) implements QueryFailure {
        public CircuitOpen {
            Objects.requireNonNull(pause, "pause");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }

        @Override
        public boolean isPrometheusFault() {
            return false; // not a call: it must not keep the breaker open by itself
        }

        @Override
        public String describe() {
            return "not querying Prometheus for up to " + pause.toSeconds()
                    + " s: too many of its last answers failed (last: " + lastFailure + ")";
        }
    }
}
