package dev.scalingadvisor.rules.explain;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Why a job got its decision: the reasons in the order they were applied. */
public record Explanation(List<Reason> reasons) {

    public Explanation {
        reasons = List.copyOf(reasons);
    }

    /** One reason per line. */
    public String render() {
        return reasons.stream().map(Reason::text).collect(Collectors.joining("\n"));
    }

    /**
     * The reason in one line for a log line, a history summary or a rescale request: the rules that fired, or
     * else the first reason given; empty when there is none.
     */
    public String summary() {
        List<String> fired = reasons.stream()
                .filter(r -> r instanceof Reason.RuleFired)
                .map(Reason::text)
                .toList();
        if (!fired.isEmpty()) {
            return String.join("; ", fired);
        }
        return reasons.isEmpty() ? "" : reasons.get(0).text();
    }

    /** The guard that blocked the decision, if one did. */
    public Optional<Reason.Blocked> blockedBy() {
        return reasons.stream()
                .filter(r -> r instanceof Reason.Blocked)
                .map(r -> (Reason.Blocked) r)
                .findFirst();
    }
}
