package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.explain.Reason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy proposes: raw targets for the vertices it would change, each with its arithmetic, or why
 * the policy cannot be used (its inputs are missing) so that another one must size the change.
 *
 * @param unusable why the policy could not size anything; the caller falls back to another policy
 */
public record Sizing(Map<VertexId, Integer> targets, List<Reason> reasons, Optional<String> unusable) {

    public Sizing {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(unusable, "unusable");
    }

    public static Sizing unusable(String why) {
        return new Sizing(Map.of(), List.of(), Optional.of(why));
    }

    public static Sizing of(Map<VertexId, Integer> targets, List<Reason> reasons) {
        return new Sizing(targets, reasons, Optional.empty());
    }
}
