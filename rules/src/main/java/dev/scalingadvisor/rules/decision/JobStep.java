package dev.scalingadvisor.rules.decision;

import java.util.List;
import java.util.Objects;

/** What one cycle made of one job: its new state (to persist), its phase, the decision and any findings. */
public record JobStep(JobMemory state, JobPhase phase, Decision decision, List<Finding> findings) {

    public JobStep {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(decision, "decision");
        findings = List.copyOf(findings);
    }
}
