package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.policy.LagFigures;
import java.util.List;
import java.util.Objects;

/**
 * One job's outcome of a cycle: its rules, phase (and the previous one, so the daemon sees a recommendation
 * appear or resolve), the decision and the findings, and the shape it was judged on (vertices, parallelism,
 * load).
 */
public record JobEvaluation(
        JobRef job,
        JobPhase phase,
        JobPhase previousPhase,
        List<RuleReport> rules,
        Decision decision,
        List<Finding> findings,
        JobShape shape) {

    public JobEvaluation {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(previousPhase, "previousPhase");
        rules = List.copyOf(rules);
        Objects.requireNonNull(decision, "decision");
        findings = List.copyOf(findings);
        Objects.requireNonNull(shape, "shape");
    }

    /** An evaluation without the shape it was judged on (no vertices known). */
    public JobEvaluation(
            JobRef job,
            JobPhase phase,
            JobPhase previousPhase,
            List<RuleReport> rules,
            Decision decision,
            List<Finding> findings) {
        this(job, phase, previousPhase, rules, decision, findings, new JobShape(List.of(), LagFigures.NONE));
    }

    /** The same evaluation with another decision (what a job was told stands in for what the engine said). */
    public JobEvaluation withDecision(Decision other) {
        return new JobEvaluation(job, phase, previousPhase, rules, other, findings, shape);
    }
}
