package dev.scalingadvisor.rules.rule;

import java.util.Optional;

/**
 * Finds a comparison without {@code bool} at the top level of a rule's PromQL ({@code expr: … > 500}), the way a
 * Prometheus alerting rule is written. In PromQL such a comparison is a filter: below the threshold the query
 * returns no series at all, which the advisor must read as <em>no data</em> (unknown), never as a low value; so
 * the rule never reads quiet, and a down-rule never fires, and every scale-down waits for ever. A rule's threshold
 * belongs in {@code above}/{@code below}. A comparison inside parentheses or a function ({@code max(x > 0)}, a
 * filter the author chose) is left alone; {@code > bool} returns 0 or 1 and is fine.
 *
 * <p>This reads just enough PromQL to know what is at the top level: string literals, label matchers ({@code
 * {…}}), ranges and subqueries ({@code […]}), parentheses and comments are skipped.
 */
public final class TopLevelComparison {

    /** The comparison found: its operator and the text it compares with. */
    public record Found(String operator, String rightHandSide) {}

    private TopLevelComparison() {}

    public static Optional<Found> in(String expr) {
        String e = unwrapped(expr.strip());
        int depth = 0;
        int i = 0;
        while (i < e.length()) {
            char c = e.charAt(i);
            switch (c) {
                case '"', '\'', '`' -> {
                    i = afterString(e, i);
                    continue;
                }
                case '#' -> {
                    int end = e.indexOf('\n', i);
                    i = end < 0 ? e.length() : end + 1;
                    continue;
                }
                case '{' -> {
                    i = afterClosing(e, i, '{', '}');
                    continue;
                }
                case '[' -> {
                    i = afterClosing(e, i, '[', ']');
                    continue;
                }
                case '(' -> depth++;
                case ')' -> depth--;
                default -> {
                    String operator = comparisonAt(e, i);
                    if (operator != null) {
                        int after = i + operator.length();
                        if (depth == 0 && !followedByBool(e, after)) {
                            return Optional.of(new Found(operator, rightHandSide(e, after)));
                        }
                        i = after;
                        continue;
                    }
                }
            }
            i++;
        }
        return Optional.empty();
    }

    /** The message a pack author gets, naming the threshold to write instead. */
    public static String problem(Found found) {
        boolean greater = found.operator().startsWith(">");
        boolean lesser = found.operator().startsWith("<");
        String instead = greater || lesser
                ? "drop \"" + found.operator() + " " + found.rightHandSide() + "\" and write "
                        + (greater ? "above: " : "below: ") + found.rightHandSide()
                        + " (with clear: for hysteresis), or compare with \"" + found.operator() + " bool\""
                : "compare with \"" + found.operator() + " bool\" (0 or 1), or move the threshold to above/below";
        return "top-level comparison \"" + found.operator() + " " + found.rightHandSide()
                + "\" without bool: in PromQL it drops every series where it is false, so below the threshold the"
                + " rule has no data (unknown, never low) and blocks every scale-down; " + instead;
    }

    /** {@code (a > 1)} is as top-level as {@code a > 1}. */
    private static String unwrapped(String e) {
        while (e.startsWith("(") && afterClosing(e, 0, '(', ')') == e.length()) {
            e = e.substring(1, e.length() - 1).strip();
        }
        return e;
    }

    private static String comparisonAt(String e, int i) {
        char c = e.charAt(i);
        char next = i + 1 < e.length() ? e.charAt(i + 1) : 0;
        if ((c == '=' || c == '!') && next == '=') {
            return c + "=";
        }
        if (c == '>' || c == '<') {
            return next == '=' ? c + "=" : String.valueOf(c);
        }
        return null;
    }

    private static boolean followedByBool(String e, int from) {
        int i = skipSpace(e, from);
        return e.startsWith("bool", i)
                && (i + 4 == e.length() || !Character.isLetterOrDigit(e.charAt(i + 4)) && e.charAt(i + 4) != '_');
    }

    /** The operand after the operator, shortened for a message. */
    private static String rightHandSide(String e, int from) {
        String rest = e.substring(skipSpace(e, from)).strip();
        int end = rest.indexOf('\n');
        String line = end < 0 ? rest : rest.substring(0, end).strip();
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }

    private static int skipSpace(String e, int i) {
        while (i < e.length() && Character.isWhitespace(e.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int afterString(String e, int start) {
        char quote = e.charAt(start);
        int i = start + 1;
        while (i < e.length() && e.charAt(i) != quote) {
            // Backticks take no escapes in PromQL; quotes do.
            i += quote != '`' && e.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, e.length());
    }

    private static int afterClosing(String e, int start, char open, char close) {
        int depth = 0;
        int i = start;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(e, i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return e.length();
    }
}
