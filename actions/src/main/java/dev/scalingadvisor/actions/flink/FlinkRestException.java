package dev.scalingadvisor.actions.flink;

import java.util.List;

/**
 * A Flink REST call that did not give an answer the advisor can use. The subtype says why, so a caller
 * can tell "Flink refused" (with Flink's own words) from "Flink could not be reached" from "the answer
 * made no sense" from "the circuit breaker kept us from asking". Messages name the cluster, method and
 * path, never credentials.
 */
public abstract sealed class FlinkRestException extends RuntimeException
        permits FlinkRestException.ErrorResponse,
                FlinkRestException.Unreachable,
                FlinkRestException.MalformedResponse,
                FlinkRestException.CircuitOpen {

    private static final long serialVersionUID = 1L;

    private final String call;

    private FlinkRestException(String call, String message, Throwable cause) {
        super(message, cause);
        this.call = call;
    }

    /** The call that failed, as {@code cluster METHOD /path}. */
    public String call() {
        return call;
    }

    /**
     * Whether the same call may work when tried again later: true for an unreachable or sick cluster,
     * false when Flink rejected the request itself.
     */
    public abstract boolean isTransient();

    /** Flink answered with an error status; {@link #flinkErrors()} holds Flink's own messages. */
    public static final class ErrorResponse extends FlinkRestException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final List<String> flinkErrors;

        public ErrorResponse(String call, int status, List<String> flinkErrors) {
            super(call, call + " answered " + status + ": " + FlinkErrorText.summary(flinkErrors), null);
            this.status = status;
            this.flinkErrors = List.copyOf(flinkErrors);
        }

        public int status() {
            return status;
        }

        /** The {@code errors} array of Flink's error body (message, often a stack trace second). */
        public List<String> flinkErrors() {
            return flinkErrors;
        }

        /** Flink's message in one line: its first error and the deepest cause of the stack trace. */
        public String flinkMessage() {
            return FlinkErrorText.summary(flinkErrors);
        }

        public boolean isNotFound() {
            return status == 404;
        }

        /** Whether Flink's errors name {@code text}, e.g. an exception class such as {@code DuplicateJobSubmissionException}. */
        public boolean mentions(String text) {
            return flinkErrors.stream().anyMatch(e -> e.contains(text));
        }

        @Override
        public boolean isTransient() {
            // 5xx is Flink failing (often a JobManager under load or failing over); 4xx is our request.
            return status >= 500;
        }
    }

    /** No answer: connection refused or reset, or the call timed out. */
    public static final class Unreachable extends FlinkRestException {
        private static final long serialVersionUID = 1L;

        public Unreachable(String call, Throwable cause) {
            super(call, call + " failed: " + describe(cause), cause);
        }

        private static String describe(Throwable cause) {
            String message = cause.getMessage();
            return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /** A success status with a body that is not the JSON this Flink REST API version documents. */
    public static final class MalformedResponse extends FlinkRestException {
        private static final long serialVersionUID = 1L;

        public MalformedResponse(String call, String problem) {
            super(call, call + " answered with a body the advisor cannot read: " + problem, null);
        }

        @Override
        public boolean isTransient() {
            // A proxy's error page or a truncated body; the next answer may be whole again.
            return true;
        }
    }

    /** The cluster's circuit breaker is open: the call was not made, to spare a cluster that keeps failing. */
    public static final class CircuitOpen extends FlinkRestException {
        private static final long serialVersionUID = 1L;

        public CircuitOpen(String call) {
            super(call, call + " not made: the circuit breaker of the cluster is open after repeated failures", null);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }
}
