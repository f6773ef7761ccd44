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

    /** The guard that blocked the decision, if one did. */
    public Optional<Reason.Blocked> blockedBy() {
        return reasons.stream()
                .filter(r -> r instanceof Reason.Blocked)
                .map(r -> (Reason.Blocked) r)
                .findFirst();
    }
}
