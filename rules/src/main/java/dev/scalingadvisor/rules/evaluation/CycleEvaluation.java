package dev.scalingadvisor.rules.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one evaluation cycle produced: per-job outcomes, the state to persist, whether Prometheus answered
 * (readiness), and problems with individual rules.
 */
public record CycleEvaluation(
        Instant at,
        List<JobEvaluation> jobs,
        EngineState state,
        PrometheusHealth prometheus,
        List<RuleProblem> ruleProblems) {

    public CycleEvaluation {
        Objects.requireNonNull(at, "at");
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(prometheus, "prometheus");
        ruleProblems = List.copyOf(ruleProblems);
    }
}
