package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.rule.PolicyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * DS2-like sizing from busy time: each vertex gets the parallelism at which its current work would keep
 * it busy {@code targetUtilization} of the time, {@code ceil(current × busyRatio / targetUtilization)}.
 * Only busy vertices grow, so the bottleneck is sized, not the backpressured vertices upstream of it
 * (they are not busy: they wait).
 */
public final class RatePolicy implements SizingPolicy {

    private final double targetUtilization;

    public RatePolicy(double targetUtilization) {
        if (!(targetUtilization > 0 && targetUtilization <= 1)) {
            throw new IllegalArgumentException("targetUtilization must be in (0, 1], got " + targetUtilization);
        }
        this.targetUtilization = targetUtilization;
    }

    @Override
    public Sizing up(JobShape job) {
        List<Vertex> measured =
                job.vertices().stream().filter(v -> v.busyRatio().isPresent()).toList();
        if (measured.isEmpty()) {
            return Sizing.unusable("no busy time for any vertex");
        }
        Map<VertexId, Integer> targets = new LinkedHashMap<>();
        List<Reason> reasons = new ArrayList<>();
        for (Vertex v : measured) {
            double busy = v.busyRatio().getAsDouble();
            int target = SizingPolicy.ceil(v.parallelism() * busy / targetUtilization);
            if (target > v.parallelism()) {
                targets.put(v.id(), target);
                reasons.add(sized(v, busy, target));
            }
        }
        if (targets.isEmpty()) {
            Vertex busiest = job.bottleneck().orElseThrow();
            reasons.add(new Reason.Note("rate policy: no vertex is busier than targetUtilization "
                    + ValueText.of(targetUtilization) + " (busiest: " + busiest.label() + " at "
                    + ValueText.of(busiest.busyRatio().getAsDouble()) + ")"));
        }
        return Sizing.of(targets, reasons);
    }

    @Override
    public Sizing down(JobShape job) {
        if (job.vertices().isEmpty()) {
            return Sizing.unusable("no vertices known");
        }
        for (Vertex v : job.vertices()) {
            if (v.busyRatio().isEmpty()) {
                return Sizing.unusable("no busy time for vertex " + v.label());
            }
        }
        Map<VertexId, Integer> targets = new LinkedHashMap<>();
        List<Reason> reasons = new ArrayList<>();
        for (Vertex v : job.vertices()) {
            double busy = v.busyRatio().getAsDouble();
            int target = atTarget(v, busy);
            if (target < v.parallelism()) {
                targets.put(v.id(), target);
                reasons.add(sized(v, busy, target));
            }
        }
        return Sizing.of(targets, reasons);
    }

    /**
     * The parallelism the job (its widest vertex) would run at if every vertex ran at targetUtilization, in
     * either direction: what this policy would hold it at. Empty unless every vertex's busy time is known.
     */
    public OptionalInt held(JobShape job) {
        if (job.vertices().isEmpty()) {
            return OptionalInt.empty();
        }
        int widest = 0;
        for (Vertex v : job.vertices()) {
            if (v.busyRatio().isEmpty()) {
                return OptionalInt.empty();
            }
            widest = Math.max(widest, atTarget(v, v.busyRatio().getAsDouble()));
        }
        return OptionalInt.of(widest);
    }

    private int atTarget(Vertex v, double busy) {
        return Math.max(1, SizingPolicy.ceil(v.parallelism() * busy / targetUtilization));
    }

    private Reason sized(Vertex v, double busy, int target) {
        return new Reason.Sized(
                "",
                PolicyKind.RATE,
                v.label(),
                v.parallelism(),
                target,
                "ceil(" + v.parallelism() + " × busy " + ValueText.of(busy) + " / targetUtilization "
                        + ValueText.of(targetUtilization) + ")");
    }

    @Override
    public PolicyKind kind() {
        return PolicyKind.RATE;
    }
}
