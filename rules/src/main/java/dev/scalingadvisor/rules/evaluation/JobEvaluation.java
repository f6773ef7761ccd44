package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.JobPhase;
import java.util.List;
import java.util.Objects;

/**
 * One job's outcome of a cycle: its rules, phase (and the previous one, so the daemon sees a recommendation
 * appear or resolve), the decision and the findings.
 */
public record JobEvaluation(
        JobRef job,
        JobPhase phase,
        JobPhase previousPhase,
        List<RuleReport> rules,
        Decision decision,
        List<Finding> findings) {

    public JobEvaluation {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(previousPhase, "previousPhase");
        rules = List.copyOf(rules);
        Objects.requireNonNull(decision, "decision");
        findings = List.copyOf(findings);
    }
}
