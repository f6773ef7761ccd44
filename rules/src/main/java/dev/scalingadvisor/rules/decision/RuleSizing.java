package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.rules.explain.DecisionGuard;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.policy.ParallelismBounds;
import dev.scalingadvisor.rules.policy.PolicySettings;
import dev.scalingadvisor.rules.policy.Sizing;
import dev.scalingadvisor.rules.policy.SizingPolicy;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.rule.PolicyKind;
import dev.scalingadvisor.rules.rule.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Sizes a direction for the rules that ask for it: each rule with its own sizing policy (or the job's), an
 * unusable policy falling back to step; then per vertex the largest target (for a scale-down: a vertex
 * shrinks only if every rule's policy shrinks it, to the largest of their targets); then excluded vertices are
 * left as they are, and the others bounded and aligned to their key groups.
 */
final class RuleSizing {

    private RuleSizing() {}

    /** Raw targets per vertex, with the rule each came from; reasons are appended to {@code reasons}. */
    static Map<VertexId, Integer> size(
            List<Rule> rules, boolean up, JobShape shape, PolicySettings policy, List<Reason> reasons) {
        Map<PolicyKind, Sizing> byKind = new HashMap<>();
        Map<VertexId, Integer> merged = new LinkedHashMap<>();
        Map<VertexId, String> fromRule = new HashMap<>();
        Map<VertexId, Integer> proposals = new HashMap<>();
        for (Rule rule : rules) {
            PolicyKind wanted = rule.sizing().orElse(policy.kind());
            Sizing sizing = byKind.computeIfAbsent(wanted, k -> sizeWith(k, up, shape, policy));
            if (sizing.unusable().isPresent() && wanted != PolicyKind.STEP) {
                reasons.add(new Reason.PolicyFallback(
                        rule.name().value(),
                        wanted,
                        PolicyKind.STEP,
                        sizing.unusable().get()));
                sizing = byKind.computeIfAbsent(PolicyKind.STEP, k -> sizeWith(k, up, shape, policy));
            }
            for (Reason reason : sizing.reasons()) {
                reasons.add(
                        reason instanceof Reason.Sized sized
                                ? sized.forRule(rule.name().value())
                                : reason);
            }
            if (up) {
                sizing.targets().forEach((vertex, target) -> {
                    if (target > merged.getOrDefault(vertex, 0)) {
                        merged.put(vertex, target);
                        fromRule.put(vertex, rule.name().value());
                    }
                });
            } else {
                for (Vertex v : shape.vertices()) {
                    int target = sizing.targets().getOrDefault(v.id(), v.parallelism());
                    Integer before = proposals.get(v.id());
                    if (before == null || target > before) {
                        proposals.put(v.id(), target);
                        fromRule.put(v.id(), rule.name().value());
                    }
                }
            }
        }
        if (!up) {
            for (Vertex v : shape.vertices()) {
                int target = proposals.getOrDefault(v.id(), v.parallelism());
                if (target < v.parallelism()) {
                    merged.put(v.id(), target);
                }
            }
        }
        if (rules.size() > 1) {
            merged.forEach((vertex, target) ->
                    reasons.add(new Reason.LargestTarget(shape.label(vertex), target, fromRule.get(vertex))));
        }
        return merged;
    }

    /** Bounds and aligns every raw target; vertices left with nothing to do are reported and dropped. */
    static ParallelismChanges bound(
            Map<VertexId, Integer> raw,
            boolean up,
            JobShape shape,
            ScalingSettings settings,
            List<Reason> reasons,
            List<Reason.Blocked> blocked) {
        ParallelismBounds bounds = new ParallelismBounds(
                settings.minParallelism(),
                settings.maxParallelism().map(OptionalInt::of).orElseGet(OptionalInt::empty),
                settings.scaleDownMaxFactor(),
                settings.maxScaleUpFactor());
        List<ParallelismChange> changes = new ArrayList<>();
        for (Map.Entry<VertexId, Integer> entry : raw.entrySet()) {
            Optional<Vertex> vertex = shape.vertex(entry.getKey());
            if (vertex.isEmpty()) {
                continue;
            }
            Vertex v = vertex.get();
            if (settings.excludedVertices().contains(v)) {
                reasons.add(new Reason.Note("vertex " + v.label() + " keeps its parallelism " + v.parallelism()
                        + " (the sizing asked for " + entry.getValue() + "): it is in scaling.excludedVertices"));
                blocked.add(new Reason.Blocked(
                        DecisionGuard.EXCLUDED_VERTEX,
                        "vertex " + v.label() + " is excluded from scaling (scaling.excludedVertices)",
                        Optional.empty()));
                continue;
            }
            ParallelismBounds.Bounded bounded = bounds.apply(v, up, entry.getValue());
            reasons.addAll(bounded.reasons());
            if (bounded.target() == v.parallelism()) {
                blocked.add(new Reason.Blocked(
                        DecisionGuard.AT_BOUND,
                        "vertex " + v.label() + " is already at " + v.parallelism() + ", the " + (up ? "most" : "least")
                                + " its bounds allow",
                        Optional.empty()));
            } else {
                changes.add(new ParallelismChange(v.id(), v.label(), v.parallelism(), bounded.target()));
            }
        }
        return new ParallelismChanges(changes);
    }

    private static Sizing sizeWith(PolicyKind kind, boolean up, JobShape shape, PolicySettings policy) {
        SizingPolicy sizing = SizingPolicy.of(kind, policy);
        return up ? sizing.up(shape) : sizing.down(shape);
    }
}
