package dev.scalingadvisor.rules.explain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.rule.PolicyKind;
import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.Signal;
import dev.scalingadvisor.rules.rule.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a decision's explanation, as data (notifications and the decision history render it) with a
 * one-line text for people. Together the reasons say which rules fired with their values, thresholds and
 * durations, which vertex is the bottleneck, the policy and its raw target, each clamp and alignment, and
 * the guard that blocked the decision, if any.
 */
// In JSON ("kind") each reason goes by a name of ours, spelled as everything else people and tools read, not by
// its Java type: renaming a record must not change what `evaluate --format json` serves.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Reason.RuleFired.class, name = "rule-fired"),
    @JsonSubTypes.Type(value = Reason.RuleNotReady.class, name = "rule-not-ready"),
    @JsonSubTypes.Type(value = Reason.Bottleneck.class, name = "bottleneck"),
    @JsonSubTypes.Type(value = Reason.Sized.class, name = "sized"),
    @JsonSubTypes.Type(value = Reason.PolicyFallback.class, name = "policy-fallback"),
    @JsonSubTypes.Type(value = Reason.LargestTarget.class, name = "largest-target"),
    @JsonSubTypes.Type(value = Reason.Clamped.class, name = "clamped"),
    @JsonSubTypes.Type(value = Reason.Aligned.class, name = "aligned"),
    @JsonSubTypes.Type(value = Reason.NotAligned.class, name = "not-aligned"),
    @JsonSubTypes.Type(value = Reason.Blocked.class, name = "blocked"),
    @JsonSubTypes.Type(value = Reason.Note.class, name = "note")
})
public sealed interface Reason {

    /** The reason in one line. */
    @JsonProperty("text")
    String text();

    /**
     * A rule that fired, with the facts behind it kept as values (renderers take the numbers, not the text), so
     * an explanation stays complete after the pack that made it is reloaded away.
     *
     * @param vertex     the vertex it fired on, by display name, when the rule is per vertex
     * @param expression the rule's PromQL, for a graph link
     */
    record RuleFired(
            RuleName rule,
            Signal signal,
            RuleDirection direction,
            double value,
            Optional<String> vertex,
            Threshold threshold,
            Duration heldFor,
            Duration forDuration,
            String summary,
            String expression)
            implements Reason {
        public RuleFired {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(vertex, "vertex");
            Objects.requireNonNull(threshold, "threshold");
            Objects.requireNonNull(heldFor, "heldFor");
            Objects.requireNonNull(forDuration, "forDuration");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public String text() {
            return direction.spelling() + "-rule " + rule + " fired: " + summary + " (value " + ValueText.of(value)
                    + vertex.map(v -> " at vertex " + v).orElse("") + ", " + threshold.describe() + ", held "
                    + PrometheusDurations.format(heldFor) + ", for " + PrometheusDurations.format(forDuration) + ")";
        }
    }

    /** A rule that keeps a direction from going ahead: not firing, pending, unknown. */
    record RuleNotReady(String rule, String direction, String status, String detail) implements Reason {
        @Override
        public String text() {
            return direction + "-rule " + rule + " is " + status + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** The vertex that limits the job, and the backpressured vertices upstream of it. */
    record Bottleneck(
            String vertex,
            String name,
            double busyMsPerSecond,
            Optional<Double> backpressureMsPerSecond,
            List<String> backpressured)
            implements Reason {
        public Bottleneck {
            backpressured = List.copyOf(backpressured);
        }

        @Override
        public String text() {
            return "bottleneck: vertex " + name + " (" + vertex + ") is the busiest at " + ValueText.of(busyMsPerSecond)
                    + " ms/s busy"
                    + backpressureMsPerSecond
                            .map(b -> ", " + ValueText.of(b) + " ms/s backpressured")
                            .orElse("")
                    + (backpressured.isEmpty()
                            ? ""
                            : "; backpressure shows upstream of it at " + String.join(", ", backpressured));
        }
    }

    /** A policy's raw target for one vertex (or the whole job), with its arithmetic. */
    record Sized(String rule, PolicyKind policy, String vertex, int current, int rawTarget, String formula)
            implements Reason {
        /** The same sizing, attributed to the rule it was made for. */
        public Sized forRule(String ruleName) {
            return new Sized(ruleName, policy, vertex, current, rawTarget, formula);
        }

        @Override
        public String text() {
            return policySpelling(policy) + " policy" + (rule.isEmpty() ? "" : " for " + rule) + ": " + vertex + " "
                    + current + " → " + rawTarget + " (" + formula + ")";
        }
    }

    /** The policy asked for could not be used (its inputs are missing), so another one sized the change. */
    record PolicyFallback(String rule, PolicyKind wanted, PolicyKind used, String why) implements Reason {
        @Override
        public String text() {
            return policySpelling(wanted) + " policy for " + rule + " not usable (" + why + "); sized with "
                    + policySpelling(used) + " instead";
        }
    }

    /** Several rules proposed targets for a vertex; the largest one is taken. */
    record LargestTarget(String vertex, int target, String rule) implements Reason {
        @Override
        public String text() {
            return "largest target for " + vertex + ": " + target + " (from " + rule + ")";
        }
    }

    /** A bound changed the target. */
    record Clamped(String vertex, int from, int to, String bound) implements Reason {
        @Override
        public String text() {
            return vertex + ": " + from + " → " + to + " (" + bound + ")";
        }
    }

    /** Key-group alignment changed the target. */
    record Aligned(String vertex, int from, int to, int keyGroups) implements Reason {
        @Override
        public String text() {
            return vertex + ": " + from + " → " + to + " so that its " + keyGroups + " key groups spread evenly ("
                    + keyGroups / to + " per subtask)";
        }
    }

    /** Key-group alignment could not be applied, and why. */
    record NotAligned(String vertex, int target, String why) implements Reason {
        @Override
        public String text() {
            return vertex + ": " + target + " not aligned to key groups (" + why + ")";
        }
    }

    /** A guard held the direction back. */
    record Blocked(DecisionGuard guard, String detail, Optional<Instant> until) implements Reason {
        public Blocked {
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(until, "until");
        }

        @Override
        public String text() {
            return "blocked by " + guard.spelling() + ": " + detail
                    + until.map(u -> " (until " + u + ")").orElse("");
        }
    }

    /** Something the reader should know that changed nothing. */
    record Note(String note) implements Reason {
        @Override
        public String text() {
            return note;
        }
    }

    private static String policySpelling(PolicyKind kind) {
        return Spelling.of(kind);
    }
}
