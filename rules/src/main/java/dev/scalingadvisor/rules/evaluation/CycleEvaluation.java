package dev.scalingadvisor.rules.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one evaluation cycle produced: per-job outcomes, the state to persist, whether Prometheus answered
 * (readiness), problems with individual rules, and the jobs whose own evaluation failed.
 */
public record CycleEvaluation(
        Instant at,
        List<JobEvaluation> jobs,
        EngineState state,
        PrometheusHealth prometheus,
        List<RuleProblem> ruleProblems,
        List<JobFailure> jobFailures) {

    public CycleEvaluation {
        Objects.requireNonNull(at, "at");
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(prometheus, "prometheus");
        ruleProblems = List.copyOf(ruleProblems);
        jobFailures = List.copyOf(jobFailures);
    }
}
