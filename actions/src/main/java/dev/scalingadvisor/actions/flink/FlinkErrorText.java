package dev.scalingadvisor.actions.flink;

import java.util.List;

/**
 * Turns Flink's error bodies into one readable line. Flink answers errors with {@code {"errors": [...]}}:
 * a 4xx carries the handler's exception with its stack trace ({@code RestHandlerException: Could not
 * execute application.} … {@code Caused by: …}), a 500 carries {@code "Internal server error."} and then
 * {@code "<Exception on server side:\n<exception>: <message>\n\tat …"}. The useful sentence is the first
 * headline plus the deepest {@code Caused by:} (e.g. why the job's main method failed).
 */
final class FlinkErrorText {

    private static final int MAX_LENGTH = 600;
    private static final String SERVER_SIDE = "<Exception on server side:";

    private FlinkErrorText() {}

    static String summary(List<String> errors) {
        if (errors.isEmpty()) {
            return "(no error message)";
        }
        String first = headline(errors.get(0));
        String detail = null;
        for (String error : errors) {
            String cause = lastCause(error);
            if (cause != null) {
                detail = cause;
            } else if (detail == null && error != errors.get(0)) {
                detail = headline(error);
            }
        }
        String text = detail == null || detail.isBlank() || detail.equals(first) ? first : first + " | " + detail;
        return abbreviate(text);
    }

    /** The last {@code Caused by:} of a stack trace, or its headline when it has none: the reason in Flink's words. */
    static String deepestCause(String stackTrace) {
        String cause = lastCause(stackTrace);
        return abbreviate(cause != null ? cause : headline(stackTrace));
    }

    /** The first line that says something: the exception class and its message. */
    static String headline(String text) {
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.equals(SERVER_SIDE)) {
                return trimmed;
            }
        }
        return "";
    }

    private static String lastCause(String text) {
        String cause = null;
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("Caused by:")) {
                cause = trimmed.substring("Caused by:".length()).strip();
            }
        }
        return cause;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
    }
}
