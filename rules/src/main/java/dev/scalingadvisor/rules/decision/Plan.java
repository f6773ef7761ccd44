package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.rules.explain.Reason;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a planner made of a direction some rules ask for: the vertex changes, or nothing and the guard that
 * held it back; with its reasons, findings, and the bookkeeping the state keeps.
 */
record Plan(
        ParallelismChanges changes,
        List<Reason> reasons,
        List<Finding> findings,
        Optional<PendingScaleDown> pendingScaleDown,
        Map<VertexId, ScaleUpRecord> scaleUps) {

    Plan {
        reasons = List.copyOf(reasons);
        findings = List.copyOf(findings);
    }

    boolean decided() {
        return !changes.isEmpty();
    }
}
