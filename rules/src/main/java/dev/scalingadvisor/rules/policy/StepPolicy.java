package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.rule.PolicyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incremental approach ("8 → 12 → 16 → 24"): multiply the bottleneck vertex's parallelism by a fixed
 * factor to go up, divide every vertex's to go down. Without busy times to find the bottleneck, the whole
 * job steps together.
 */
public final class StepPolicy implements SizingPolicy {

    private final double factor;

    public StepPolicy(double factor) {
        if (!(factor > 1.0)) {
            throw new IllegalArgumentException("factor must be above 1, got " + factor);
        }
        this.factor = factor;
    }

    @Override
    public Sizing up(JobShape job) {
        if (job.vertices().isEmpty()) {
            return Sizing.unusable("no vertices known");
        }
        Optional<Vertex> bottleneck = job.bottleneck();
        List<Vertex> grow = bottleneck.map(List::of).orElse(job.vertices());
        Map<VertexId, Integer> targets = new LinkedHashMap<>();
        List<Reason> reasons = new ArrayList<>();
        for (Vertex v : grow) {
            int target = Math.max(v.parallelism() + 1, SizingPolicy.ceil(v.parallelism() * factor));
            targets.put(v.id(), target);
            reasons.add(new Reason.Sized(
                    "",
                    PolicyKind.STEP,
                    v.label(),
                    v.parallelism(),
                    target,
                    "ceil(" + v.parallelism() + " × " + ValueText.of(factor) + ")"
                            + (bottleneck.isEmpty() ? ", every vertex: no busy times to find the bottleneck" : "")));
        }
        return Sizing.of(targets, reasons);
    }

    @Override
    public Sizing down(JobShape job) {
        if (job.vertices().isEmpty()) {
            return Sizing.unusable("no vertices known");
        }
        Map<VertexId, Integer> targets = new LinkedHashMap<>();
        List<Reason> reasons = new ArrayList<>();
        for (Vertex v : job.vertices()) {
            if (v.parallelism() <= 1) {
                continue;
            }
            int target = Math.max(1, Math.min(v.parallelism() - 1, SizingPolicy.ceil(v.parallelism() / factor)));
            targets.put(v.id(), target);
            reasons.add(new Reason.Sized(
                    "",
                    PolicyKind.STEP,
                    v.label(),
                    v.parallelism(),
                    target,
                    "ceil(" + v.parallelism() + " / " + ValueText.of(factor) + ")"));
        }
        return Sizing.of(targets, reasons);
    }

    @Override
    public PolicyKind kind() {
        return PolicyKind.STEP;
    }
}
